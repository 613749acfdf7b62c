// "How many points would this give me?" Answered by the very rules that credit deeds
// (subjectBarrier, evaluateDeed, reachedCaps) over the history gathered the way crediting gathers
// it, so a prediction and the credit that follows on that day cannot disagree. Pure.
import { formatDay } from './calendar.js';
import { errorMessages } from './errors.js';

export { nextEligibleDay } from './crediting.js';
import type { IndicatorDefinition } from './catalogue.js';
import {
  basePoints,
  evaluateDeed,
  fitToCeiling,
  nextEligibleDay,
  reachedCaps,
  subjectBarrier,
  timelinessRefusal,
  type CapKind,
  type DeedHistory,
  type DeedSubject,
  type SubjectBarrier,
  type TimelinessRefusal,
} from './crediting.js';

export interface PredictionInput {
  def: IndicatorDefinition;
  quantity: number;
  /** The Bangkok calendar day of the deed (YYYY-MM-DD). */
  day: string;
  subject: DeedSubject;
  history: DeedHistory;
  /** Points earned so far in the deed's Bangkok year (every indicator, before clamping) and the scale maximum. */
  year: { earned: number; max: number };
  /** When the deed would be attested: now for a past day, the deed itself for a coming one. */
  submittedAt: Date;
  /** The committee's grace period after 31 December (rules service). */
  graceDays: number;
}

export type PredictionReason = 'cap_exceeded' | 'duplicate_deed' | 'yearly_ceiling_reached' | TimelinessRefusal['code'] | SubjectBarrier;

export interface Prediction {
  /** Points the deed would earn. */
  points: number;
  /** Of those, the points that would raise the year's score (credits are cut to the ceiling, so the same as `points`). */
  scoreGain: number;
  /** Points per unit times quantity, before any cap: what the indicator is nominally worth. */
  nominalPoints: number;
  /** The points are cut to what the year still holds under the scale maximum. */
  ceilingCut?: boolean;
  /** Why the deed would earn nothing. */
  reason?: PredictionReason;
  /** The caps already reached, when the reason is cap_exceeded. */
  caps?: CapKind[];
  /** First Bangkok day the deed is possible again; absent when it never will be (once per lifetime) or no cap is the cause. */
  nextEligibleOn?: string;
  /** For deed_too_old and year_closed: the window or the closing day, as attestation answers them. */
  late?: TimelinessRefusal;
}

/** The year's score moves from min(earned, max) to min(earned + points, max). */
export function scoreGainOf(points: number, year: { earned: number; max: number }): number {
  return Math.max(0, Math.min(year.earned + points, year.max) - Math.min(year.earned, year.max));
}

export function predictDeed(input: PredictionInput): Prediction {
  const { def, quantity, history } = input;
  const nominalPoints = basePoints(def, quantity);
  // In the order attestation judges: a deed too old or in a closed year is refused before anything about the person.
  const late = timelinessRefusal(def, input.day, input.submittedAt, input.graceDays);
  if (late) return { points: 0, scoreGain: 0, nominalPoints, reason: late.code, late };
  const barrier = subjectBarrier(def, input.subject);
  if (barrier) return { points: 0, scoreGain: 0, nominalPoints, reason: barrier };
  const evaluation = evaluateDeed(def, quantity, history);
  if (evaluation.outcome === 'credit') {
    // As crediting does: cut to what the year still holds under the scale maximum, or nothing.
    const fit = fitToCeiling({ nominal: nominalPoints, points: evaluation.points, earnedThisYear: input.year.earned, max: input.year.max });
    if (fit.outcome === 'reject') return { points: 0, scoreGain: 0, nominalPoints, reason: 'yearly_ceiling_reached' };
    return { points: fit.points, scoreGain: scoreGainOf(fit.points, input.year), nominalPoints, ...(fit.cutReason === 'yearly_ceiling' ? { ceilingCut: true } : {}) };
  }
  if (evaluation.reason !== 'cap_exceeded') return { points: 0, scoreGain: 0, nominalPoints, reason: 'duplicate_deed' };
  const caps = reachedCaps(def, history);
  const next = nextEligibleDay(def, input.day, history, caps);
  return { points: 0, scoreGain: 0, nominalPoints, reason: 'cap_exceeded', caps, ...(next ? { nextEligibleOn: next } : {}) };
}

/** One sentence in Thai and English that explains a prediction to the person. */
export function explainPrediction(p: Prediction, def: Pick<IndicatorDefinition, 'caps' | 'owner'>, year: { max: number }): { th: string; en: string } {
  const next = p.nextEligibleOn ? formatDay(p.nextEligibleOn) : undefined;
  const again = next ? { th: ` ทำได้อีกครั้งตั้งแต่ ${next.th}`, en: ` It is possible again from ${next.en}.` } : { th: '', en: '' };
  switch (p.reason) {
    case 'deed_too_old':
    case 'year_closed':
      // The very sentence an attestation of that deed would be refused with, dates in B.E.
      return errorMessages(p.reason, p.late?.details);
    case 'not_applicable_kind':
      return { th: 'ตัวชี้วัดนี้ไม่ได้มีไว้สำหรับบัญชีประเภทนี้', en: 'This indicator is not for this kind of account.' };
    case 'not_applicable_area': {
      const area = def.owner.kind === 'local' ? def.owner.area : '';
      return { th: `ตัวชี้วัดนี้เป็นของธนาคารความดีท้องถิ่น สำหรับผู้มีภูมิลำเนาในพื้นที่รหัส ${area}`, en: `This is a local good-deed bank indicator for residents of area ${area}.` };
    }
    case 'consent_missing':
      return {
        th: 'ความดีนี้เป็นข้อมูลสุขภาพ จะได้คะแนนเมื่อท่านให้ความยินยอม "ข้อมูลสุขภาพ" ก่อนวันทำความดี',
        en: 'This deed is health data: it earns points once you have given the "health" consent, before the day of the deed.',
      };
    case 'duplicate_deed':
      return { th: 'ความดีเดียวกันนี้ได้รับการบันทึกแล้วในวันนั้น', en: 'The same deed is already recorded for that day.' };
    case 'yearly_ceiling_reached':
      return {
        th: `คะแนนปีนี้ถึงเพดานสูงสุด ${year.max} คะแนนแล้ว ความดีนี้จะบันทึกไว้โดยไม่ได้คะแนนเพิ่ม`,
        en: `This year's points have reached the ceiling of ${year.max}: the deed would be recorded without more points.`,
      };
    case 'cap_exceeded': {
      const caps = p.caps ?? [];
      if (caps.includes('oncePerLifetime')) return { th: 'ได้รับคะแนนตัวชี้วัดนี้แล้ว (ครั้งเดียวตลอดชีวิต)', en: 'Already credited: this indicator counts once in a lifetime.' };
      if (caps.includes('minIntervalDays'))
        return {
          th: `ต้องเว้นระยะอย่างน้อย ${def.caps.minIntervalDays} วันจากครั้งก่อน${again.th}`,
          en: `At least ${def.caps.minIntervalDays} days must pass since the last time.${again.en}`,
        };
      if (caps.length > 0) return { th: `ครบเพดานของตัวชี้วัดนี้สำหรับปีนี้แล้ว${again.th}`, en: `This indicator's cap for the year is reached.${again.en}` };
      return { th: 'ความดีนี้ไม่ได้คะแนนตามกฎของตัวชี้วัด', en: 'This deed earns no points under the indicator’s rule.' };
    }
    default: {
      const byCeiling = p.ceilingCut === true;
      const reduced =
        p.points < p.nominalPoints
          ? byCeiling
            ? {
                th: ` (จาก ${p.nominalPoints} คะแนน เพราะคะแนนปีนี้เหลือได้อีกเท่านี้ก่อนถึงเพดาน ${year.max})`,
                en: ` (of ${p.nominalPoints}: only this much is left before the year's ceiling of ${year.max})`,
              }
            : { th: ` (จาก ${p.nominalPoints} คะแนน เพราะใกล้ถึงเพดานคะแนนต่อปีของตัวชี้วัดนี้)`, en: ` (of ${p.nominalPoints}: the indicator's yearly points cap is near)` }
          : { th: '', en: '' };
      return { th: `ได้ ${p.points} คะแนน${reduced.th}`, en: `Earns ${p.points} points${reduced.en}.` };
    }
  }
}
