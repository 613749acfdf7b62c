import { describe, expect, it } from 'vitest';
import { CONSENT_PURPOSES } from '../services/enrolment.js';
import { ACCESS_PURPOSE_LABELS, ACCESS_PURPOSES, CORE_PURPOSES, PARTNER_ACCESS_PURPOSES, PURPOSE_NOTE_MAX, parseAccessPurpose, parsePurpose, receiptClaims } from './consents.js';

describe('consent purposes', () => {
  it('are the purposes enrolment records, plus one sharing purpose per partner', () => {
    expect([...CORE_PURPOSES]).toEqual([...CONSENT_PURPOSES]);
    expect(parsePurpose('health')).toEqual({ kind: 'core', purpose: 'health' });
    expect(parsePurpose('sharing:ptt')).toEqual({ kind: 'sharing', purpose: 'sharing:ptt', partner: 'ptt' });
    for (const bad of ['', 'Health', 'sharing:', 'sharing:P', 'sharing:a', 'sharing:ptt:x', 'sharing:../x', 'statistics ']) expect(parsePurpose(bad), bad).toBeUndefined();
  });

  it('shapes a receipt that says what, when, which notice and whose', () => {
    const c = receiptClaims({
      id: 'r1',
      accountId: 'a1',
      purpose: 'sharing:ptt',
      action: 'withdraw',
      noticeVersion: '2026-11',
      at: '2026-11-20T03:00:00.000Z',
      controller: { th: 'x', en: 'x' },
    });
    expect(c).toMatchObject({ consent_receipt: { receiptId: 'r1', accountId: 'a1', purpose: 'sharing:ptt', partner: 'ptt', action: 'withdraw', noticeVersion: '2026-11' } });
  });
});

describe('access purposes', () => {
  it('accept the fixed list with an optional note; "other" needs one', () => {
    expect(parseAccessPurpose(undefined, undefined)).toEqual({ ok: true });
    expect(parseAccessPurpose('certification', undefined)).toEqual({ ok: true, purpose: { code: 'certification', note: null } });
    expect(parseAccessPurpose('other', '  คำร้อง 3 ')).toEqual({ ok: true, purpose: { code: 'other', note: 'คำร้อง 3' } });
    for (const [code, note] of [
      ['other', undefined],
      ['other', '   '],
      ['redemption', undefined],
      ['nosy', undefined],
      ['audit', 'ก'.repeat(PURPOSE_NOTE_MAX + 1)],
      ['audit', 'line\nbreak'],
    ] as const)
      expect(parseAccessPurpose(code, note).ok, `${code} ${note}`).toBe(false);
  });

  it('have Thai and English names for every recorded purpose', () => {
    expect(Object.keys(ACCESS_PURPOSE_LABELS).sort()).toEqual([...ACCESS_PURPOSES, ...PARTNER_ACCESS_PURPOSES].sort());
  });
});
