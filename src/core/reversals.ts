// Reversal of one erroneous credit: the only debit besides a redemption the person chose (DESIGN
// §1). Pure rules: the reasons an issuer or certifier may give, and how much a reversal takes
// from the balance. Positive only means no debt: points the person already spent are not taken
// back (they were spent in good faith on a credit the agency gave); only what is still in the
// balance is debited, and the rest is recorded as waived.

export const REVERSAL_REASONS = {
  wrong_person: { th: 'บันทึกให้ผิดคน', en: 'Recorded for the wrong person' },
  not_happened: { th: 'ไม่ได้ทำความดีนี้จริง หรือไม่ได้เข้าร่วม', en: 'The deed did not take place' },
  wrong_indicator: { th: 'บันทึกผิดตัวชี้วัด', en: 'Recorded under the wrong indicator' },
  wrong_details: { th: 'วันที่หรือจำนวนไม่ถูกต้อง', en: 'Wrong date or quantity' },
  duplicate_entry: { th: 'บันทึกซ้ำ', en: 'Recorded twice' },
} as const;

export type ReversalReason = keyof typeof REVERSAL_REASONS;
export const REVERSAL_REASON_CODES = Object.keys(REVERSAL_REASONS) as [ReversalReason, ...ReversalReason[]];

/**
 * What a reversal of `points` takes from a balance of `available`: never more than is there, so
 * the balance never goes below zero; the rest is waived.
 */
export function reversalDebit(points: number, available: number): { debited: number; waived: number } {
  const debited = Math.max(0, Math.min(points, available));
  return { debited, waived: points - debited };
}

/** The person's explanation of a reversal, in Thai and English. */
export function reversalExplanation(r: { points: number; debited: number; waived: number; by: { th: string; en: string }; reason: ReversalReason }): {
  th: string;
  en: string;
} {
  const why = REVERSAL_REASONS[r.reason];
  const th = [
    `${r.by.th} เพิกถอนคะแนน ${r.points} คะแนนของรายการนี้ เหตุผล: ${why.th}`,
    'คะแนนนี้ไม่นับรวมในคะแนนความดีของปีอีกต่อไป',
    r.waived > 0
      ? `หักจากคะแนนสะสมที่ใช้แลกได้ ${r.debited} คะแนน ส่วนอีก ${r.waived} คะแนนที่ท่านใช้แลกสิทธิประโยชน์ไปแล้วไม่ถูกเรียกคืน คะแนนสะสมไม่ติดลบ`
      : `หักจากคะแนนสะสมที่ใช้แลกได้ ${r.debited} คะแนน`,
  ];
  const en = [
    `${r.by.en} reversed the ${r.points} points of this credit. Reason: ${why.en}.`,
    "It no longer counts towards the year's score.",
    r.waived > 0
      ? `${r.debited} points were taken from your balance; the other ${r.waived}, which you had already used, are not taken back. Your balance never goes below zero.`
      : `${r.debited} points were taken from your balance.`,
  ];
  return { th: th.join(' '), en: en.join(' ') };
}
