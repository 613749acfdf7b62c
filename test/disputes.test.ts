// Disputes and appeals on SQLite and PostgreSQL: filing, the committee's deadline, the respondent's
// answer, contest and escalation (also for lack of an answer) to an independent reviewer, the decision
// and the correction recorded by id; tried as an attacker would (another person, another agency, the
// respondent reviewing itself, two steps at once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { expectError } from './support/bad-input.js';
import { filePart, multipart, pdf } from './support/evidence-files.js';

interface Person {
  id: string;
  token: string;
}

describe.each(DB_KINDS)('disputes (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let dsd: string;
  let khuangpao: string;
  let committee: string;
  let ombudsman: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-12-01T03:00:00Z'), { webhooks: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    dsd = await agencyToken(p.app, 'dsd');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    committee = await agencyToken(p.app, 'committee');
    ombudsman = await agencyToken(p.app, 'ombudsman');
  });
  afterAll(async () => p?.cleanup());

  async function person(): Promise<Person> {
    const a = await enrolPerson(p.app, { consents: ['enrolment', 'health', 'statistics'] });
    return { id: a.id, token: await personToken(p.app, a.id) };
  }
  async function donation(who: Person, day: string): Promise<{ creditId: string; attestationId: string }> {
    const r = await attest(p.app, trc, {
      ref: `dp-${++seq}`,
      subject: { accountId: who.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: `${day}T09:00:00+07:00`,
      evidence: { donationNo: `D${seq}` },
    });
    expect(r.json().status, r.body).toBe('credited');
    const c = await p.store.db.selectFrom('credits').select(['id', 'attestation_id']).where('attestation_id', '=', r.json().id).executeTakeFirstOrThrow();
    return { creditId: c.id, attestationId: c.attestation_id };
  }
  const file = (who: Person, payload: Record<string, unknown>, token = who.token) =>
    p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/disputes`, headers: auth(token), payload });
  const get = (id: string, token: string) => p.app.inject({ method: 'GET', url: `/api/v1/disputes/${id}`, headers: auth(token) });
  const step = (id: string, what: string, token: string, payload: Record<string, unknown> = {}) =>
    p.app.inject({ method: 'POST', url: `/api/v1/disputes/${id}/${what}`, headers: auth(token), payload });

  it('uses the committee deadline (default 30 days) that only the committee sets', async () => {
    const before = await p.app.inject({ method: 'GET', url: '/api/v1/disputes/settings' });
    expect(before.json()).toEqual({ answerDays: 30, version: null, setAt: null });
    const someone = await person();
    expectError(await p.app.inject({ method: 'PUT', url: '/api/v1/disputes/settings', headers: auth(someone.token), payload: { answerDays: 5 } }), 403, 'forbidden');
    expectError(await p.app.inject({ method: 'PUT', url: '/api/v1/disputes/settings', headers: auth(trc), payload: { answerDays: 5 } }), 403, 'forbidden');
    expectError(await p.app.inject({ method: 'PUT', url: '/api/v1/disputes/settings', headers: auth(committee), payload: { answerDays: 0 } }), 400, 'validation_failed');
    const set = await p.app.inject({ method: 'PUT', url: '/api/v1/disputes/settings', headers: auth(committee), payload: { answerDays: 14 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ answerDays: 14, version: 1 });
  });

  it('goes from filing through a contested answer to the reviewer, whose upheld decision records the correcting credit', async () => {
    p.clock.set(new Date('2026-12-01T03:00:00Z'));
    const somchai = await person();
    const other = await person();
    const { creditId } = await donation(somchai, '2026-11-20');
    const payload = { kind: 'wrong_credit', creditId, statement: 'ได้รับคะแนนผิดตัวชี้วัด ควรเป็นการบริจาคเกล็ดเลือด' };

    // Another person can neither file about it nor see it; the respondent and the person can.
    expectError(await file(other, payload), 404, 'dispute_subject_not_found');
    expectError(await file(somchai, payload, other.token), 404, 'account_not_found');
    const filed = await file(somchai, payload);
    expect(filed.statusCode, filed.body).toBe(201);
    const d = filed.json();
    expect(d).toMatchObject({ kind: 'wrong_credit', status: 'open', respondent: { code: 'trc', role: 'issuer' }, answerDays: 14, dueOn: '2026-12-15', overdue: false, steps: [] });
    expect(d.dueAt).toBe('2026-12-15T17:00:00.000Z');
    expect((await file(somchai, payload)).statusCode).toBe(200);
    expectError(await file(somchai, { ...payload, statement: 'อีกเรื่อง' }), 409, 'dispute_exists');

    for (const token of [other.token, dsd, khuangpao, committee, ombudsman, ADMIN_TOKEN]) expectError(await get(d.id, token), 404, 'dispute_not_found');
    expectError(await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${somchai.id}/disputes`, headers: auth(other.token) }), 404, 'account_not_found');
    expect((await get(d.id, trc)).json().steps).toEqual(['answer']);

    // Another agency cannot answer; the respondent answers once (two answers at once: one wins).
    expectError(await step(d.id, 'answer', dsd, { decision: 'reject', text: 'ไม่ใช่' }), 404, 'dispute_not_found');
    expectError(await step(d.id, 'accept', other.token), 404, 'dispute_not_found');
    const queue = await p.app.inject({ method: 'GET', url: '/api/v1/agencies/trc/disputes', headers: auth(trc) });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/agencies/trc/disputes', headers: auth(dsd) }), 403, 'forbidden');
    p.clock.set(new Date('2026-12-04T03:00:00Z'));
    const answers = await Promise.all([
      step(d.id, 'answer', trc, { decision: 'reject', text: 'บันทึกตามใบบริจาคแล้ว' }),
      step(d.id, 'answer', trc, { decision: 'accept', text: 'จะแก้ไข' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((a) => a.statusCode === 409)!;
    expectError(loser, 409, 'dispute_wrong_state');
    const answered = answers.find((a) => a.statusCode === 200)!.json();
    expect(answered.status).toBe('answered');
    expect(answered.answer).toMatchObject({ onTime: true });

    // The person contests; the respondent cannot review its own dispute; the reviewer can, once.
    const view = (await get(d.id, somchai.token)).json();
    expect(view.steps).toEqual(['accept_answer', 'contest']);
    expectError(await step(d.id, 'contest', other.token, { statement: 'x' }), 404, 'dispute_not_found');
    const contested = await step(d.id, 'contest', somchai.token, { statement: 'ใบบริจาคระบุเกล็ดเลือด แนบสำเนาแล้ว' });
    expect(contested.statusCode, contested.body).toBe(200);
    expect(contested.json()).toMatchObject({ status: 'escalated', escalation: { reason: 'contested' } });
    expectError(await step(d.id, 'accept', somchai.token), 409, 'dispute_wrong_state');
    expectError(await step(d.id, 'decision', trc, { decision: 'dismissed', text: 'ถูกต้องแล้ว' }), 404, 'dispute_not_found');
    expectError(await step(d.id, 'decision', dsd, { decision: 'dismissed', text: 'x' }), 404, 'dispute_not_found');
    const reviewerQueue = await p.app.inject({ method: 'GET', url: '/api/v1/agencies/ombudsman/disputes?queue=reviewer', headers: auth(ombudsman) });
    expect(reviewerQueue.json().items.map((i: { id: string }) => i.id)).toContain(d.id);
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/agencies/trc/disputes?queue=reviewer', headers: auth(trc) }), 403, 'forbidden');
    expect((await get(d.id, ombudsman)).json().steps).toEqual(['decide']);
    const decisions = await Promise.all([
      step(d.id, 'decision', ombudsman, { decision: 'upheld', text: 'หลักฐานชัดเจน ให้แก้ไขคะแนน' }),
      step(d.id, 'decision', ombudsman, { decision: 'dismissed', text: 'x' }),
    ]);
    expect(decisions.map((x) => x.statusCode).sort()).toEqual([200, 409]);
    const decided = decisions.find((x) => x.statusCode === 200)!.json();
    expect(decided).toMatchObject({ status: 'decided', review: { reviewer: { code: 'ombudsman' } } });

    // The correction: an old credit, another person's, or a reversal that does not exist are refused.
    if (decided.review.decision === 'upheld') {
      expect((await get(d.id, trc)).json().steps).toEqual(['link_correction']);
      expectError(await step(d.id, 'correction', trc, { kind: 'credit', id: creditId }), 422, 'correction_not_found');
      const foreign = await donation(other, '2026-11-01');
      expectError(await step(d.id, 'correction', trc, { kind: 'credit', id: foreign.creditId }), 422, 'correction_not_found');
      expectError(await step(d.id, 'correction', trc, { kind: 'reversal', id: creditId }), 422, 'correction_not_found');
      const r = await attest(p.app, trc, {
        ref: `dp-${++seq}`,
        subject: { accountId: somchai.id },
        indicator: 'trc.blood.platelets',
        occurredAt: '2026-11-22T09:00:00+07:00',
        evidence: { donationNo: 'P1' },
      });
      expect(r.json().status, r.body).toBe('credited');
      const fix = await p.store.db.selectFrom('credits').select('id').where('attestation_id', '=', r.json().id).executeTakeFirstOrThrow();
      expectError(await step(d.id, 'correction', dsd, { kind: 'credit', id: fix.id }), 404, 'dispute_not_found');
      const linked = await step(d.id, 'correction', trc, { kind: 'credit', id: fix.id });
      expect(linked.statusCode, linked.body).toBe(200);
      expect(linked.json().correction).toMatchObject({ kind: 'credit', id: fix.id });
      expectError(await step(d.id, 'correction', trc, { kind: 'credit', id: fix.id }), 409, 'dispute_wrong_state');
      // The correcting credit is a log entry like any other.
      const leaf = await p.store.db.selectFrom('log_entries').select('kind').where('ref_id', '=', fix.id).executeTakeFirst();
      expect(leaf).toBeDefined();
    } else {
      expect((await get(d.id, trc)).json().steps).toEqual([]);
    }
    expect((await get(d.id, somchai.token)).json().status).toBe('decided');
  });

  it('escalates a dispute left unanswered past its deadline, and still records a late answer for the reviewer', async () => {
    p.clock.set(new Date('2026-12-01T03:00:00Z'));
    const malee = await person();
    const missing = { kind: 'missing', agency: 'dsd', indicator: 'nat.person.skills-course', occurredOn: '2026-11-28', statement: 'จบหลักสูตรช่างไฟฟ้าแล้วแต่ยังไม่ได้คะแนน' };
    expectError(await file(malee, { ...missing, agency: 'ptt' }), 422, 'dispute_no_respondent');
    expectError(await file(malee, { ...missing, agency: 'nobody' }), 404, 'agency_not_found');
    expectError(await file(malee, { ...missing, indicator: 'no.such' }), 422, 'unknown_indicator');
    expectError(await file(malee, { ...missing, occurredOn: '2026-12-30' }), 400, 'invalid_date');
    expectError(await file(malee, { ...missing, evidence: ['a'.repeat(64)] }), 404, 'evidence_not_found');
    const filed = await file(malee, missing);
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id;
    expect(filed.json()).toMatchObject({ respondent: { code: 'dsd', role: 'issuer' }, dueOn: '2026-12-15' });

    p.clock.set(new Date('2026-12-15T16:59:00Z'));
    expect(await p.services.disputes.escalateDue()).toBe(0);
    p.clock.set(new Date('2026-12-15T17:00:00Z'));
    expect((await get(id, malee.token)).json()).toMatchObject({ status: 'open', overdue: true });
    expect(await p.services.disputes.escalateDue()).toBeGreaterThanOrEqual(1);
    const escalated = (await get(id, ombudsman)).json();
    expect(escalated).toMatchObject({ status: 'escalated', escalation: { reason: 'overdue', statement: null }, answer: null });
    expect((await get(id, dsd)).json().steps).toEqual(['answer']);
    const late = await step(id, 'answer', dsd, { decision: 'accept', text: 'ตรวจสอบแล้ว จะบันทึกให้' });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ status: 'escalated', answer: { decision: 'accept', onTime: false } });
    expectError(await step(id, 'answer', dsd, { decision: 'accept', text: 'อีกครั้ง' }), 409, 'dispute_wrong_state');
    const done = await step(id, 'decision', ombudsman, { decision: 'dismissed', text: 'หน่วยงานรับจะแก้ไขแล้ว ไม่ต้องสั่งเพิ่ม' });
    expect(done.json()).toMatchObject({ status: 'decided', review: { decision: 'dismissed' } });
    expect(done.json().steps).toEqual([]);
  });

  it('never lets a reviewer agency review a dispute about itself', async () => {
    p.clock.set(new Date('2026-12-01T03:00:00Z'));
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: auth(ADMIN_TOKEN),
      payload: { code: 'dual', name: { th: 'หน่วยงานสองบทบาท', en: 'Dual-role agency' }, roles: ['issuer', 'reviewer'], indicatorScopes: ['nat.person.exercise-programme'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const dual = await agencyToken(p.app, 'dual');
    const who = await person();
    const filed = await file(who, {
      kind: 'missing',
      agency: 'dual',
      indicator: 'nat.person.exercise-programme',
      occurredOn: '2026-11-30',
      statement: 'เข้าร่วมโครงการออกกำลังกายครบแล้ว',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json().id;
    await step(id, 'answer', dual, { decision: 'reject', text: 'ไม่ครบจำนวนครั้ง' });
    expect((await step(id, 'contest', who.token, { statement: 'ครบแล้ว มีใบลงชื่อ' })).json().status).toBe('escalated');
    const own = await p.app.inject({ method: 'GET', url: '/api/v1/agencies/dual/disputes?queue=reviewer', headers: auth(dual) });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await get(id, dual)).json().steps).toEqual([]);
    expectError(await step(id, 'decision', dual, { decision: 'dismissed', text: 'ถูกต้องแล้ว' }), 403, 'dispute_own_review');
    expect((await step(id, 'decision', ombudsman, { decision: 'upheld', text: 'มีใบลงชื่อครบ' })).statusCode).toBe(200);
  });

  it('shows a dispute’s evidence to its person and respondent only', async () => {
    p.clock.set(new Date('2026-12-01T03:00:00Z'));
    const who = await person();
    const other = await person();
    const { payload, headers } = multipart([filePart(pdf('ใบบริจาคโลหิต'), 'receipt.pdf', 'application/pdf')]);
    const up = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/evidence`, headers: { ...headers, ...auth(who.token) }, payload });
    expect(up.statusCode, up.body).toBe(201);
    const sha = up.json().sha256;
    // Another person cannot attach it (it is not theirs).
    const { creditId: foreign } = await donation(other, '2026-11-03');
    expectError(await file(other, { kind: 'wrong_credit', creditId: foreign, statement: 'x', evidence: [sha] }), 404, 'evidence_not_found');
    const { creditId } = await donation(who, '2026-11-03');
    const filed = await file(who, { kind: 'wrong_credit', creditId, statement: 'แนบใบบริจาค', evidence: [sha] });
    expect(filed.statusCode, filed.body).toBe(201);
    const [item] = filed.json().evidence;
    expect(item).toMatchObject({ sha256: sha, mediaType: 'application/pdf' });
    for (const token of [who.token, trc]) {
      const r = await p.app.inject({ method: 'GET', url: item.url, headers: auth(token) });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.headers['content-type']).toBe('application/pdf');
    }
    for (const token of [other.token, dsd, ombudsman, committee, ADMIN_TOKEN])
      expectError(await p.app.inject({ method: 'GET', url: item.url, headers: auth(token) }), 404, 'dispute_not_found');
    expectError(await p.app.inject({ method: 'GET', url: `/api/v1/disputes/${filed.json().id}/evidence/${'b'.repeat(64)}`, headers: auth(who.token) }), 404, 'evidence_not_found');
  });

  it('contests a refused deed with its respondent, and refuses a deed that was not refused', async () => {
    p.clock.set(new Date('2026-12-01T03:00:00Z'));
    const someone = await person();
    const pledge = (ref: string) =>
      attest(p.app, trc, { ref, subject: { accountId: someone.id }, indicator: 'trc.organ-pledge', occurredAt: '2026-11-02T09:00:00+07:00', evidence: { pledgeNo: ref } });
    const first = await pledge(`op-${++seq}`);
    const second = await pledge(`op-${++seq}`);
    expect(second.json().status, second.body).toBe('rejected');
    expectError(await file(someone, { kind: 'refused', attestationId: first.json().id, statement: 'x' }), 422, 'dispute_not_refused');
    const filed = await file(someone, { kind: 'refused', attestationId: second.json().id, statement: 'ลงทะเบียนซ้ำโดยไม่ตั้งใจ' });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({
      kind: 'refused',
      respondent: { code: 'trc', role: 'issuer' },
      subject: { attestationId: second.json().id, indicator: { code: 'trc.organ-pledge' } },
    });
    // The person accepts the answer: resolved, nothing for the reviewer.
    await step(filed.json().id, 'answer', trc, { decision: 'reject', text: 'ให้คำมั่นได้ครั้งเดียวตลอดชีวิต' });
    const accepted = await step(filed.json().id, 'accept', someone.token);
    expect(accepted.json()).toMatchObject({ status: 'resolved' });
    expectError(await get(filed.json().id, ombudsman), 404, 'dispute_not_found');
  });

  it('publishes answer figures per agency only from 10 people, without the comments or names', async () => {
    p.clock.set(new Date('2026-12-02T03:00:00Z'));
    const people: Person[] = [];
    for (let i = 0; i < 10; i++) people.push(await person());
    for (const who of people) {
      const f = await file(who, { kind: 'missing', agency: 'khuangpao', indicator: 'nat.person.volunteer', occurredOn: '2026-11-30', statement: 'อาสาพัฒนาวัด' });
      expect(f.statusCode, f.body).toBe(201);
    }
    const stats = async () => (await p.app.inject({ method: 'GET', url: '/api/v1/stats/agencies' })).json();
    const figures = async (code: string) => (await stats()).items.find((i: { code: string }) => i.code === code);
    // Answered, but counted from the next Bangkok day; nine answers are withheld.
    p.clock.set(new Date('2026-12-03T03:00:00Z'));
    for (const who of people.slice(0, 9)) {
      const [d] = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${who.id}/disputes`, headers: auth(who.token) })).json().items;
      expect((await step(d.id, 'answer', khuangpao, { decision: 'accept', text: 'จะบันทึกให้' })).statusCode).toBe(200);
    }
    p.clock.set(new Date('2026-12-04T03:00:00Z'));
    expect((await figures('khuangpao')).disputes).toEqual({ answered: null, medianAnswerDays: null, onTimeShare: null, reversalRate: null });
    const [last] = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${people[9]!.id}/disputes`, headers: auth(people[9]!.token) })).json().items;
    await step(last.id, 'answer', khuangpao, { decision: 'reject', text: 'ไม่พบรายชื่อในกิจกรรม' });
    p.clock.set(new Date('2026-12-05T03:00:00Z'));
    const k = await figures('khuangpao');
    expect(k.disputes).toEqual({ answered: 10, medianAnswerDays: 1, onTimeShare: 1, reversalRate: null });
    expect(JSON.stringify(await stats())).not.toMatch(/จะบันทึกให้|อาสาพัฒนาวัด/);
  });
});
