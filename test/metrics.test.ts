// Operations on SQLite and PostgreSQL: /metrics in Prometheus' text format with requests labelled by
// route template, attestations by outcome and the database's figures (sequencer lag, log size,
// webhook backlog); liveness and readiness apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const ok = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`));
    if (ok) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(DB_KINDS)('operations (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-01T03:00:00Z'), { sequencer: { autoStart: false } });
  });
  afterAll(() => p.close());

  it('counts attestations by outcome, labels requests by route template and reports the sequencer lag', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const person = await enrolPerson(p.app, { consents: ['enrolment', 'health'] });
    const other = await enrolPerson(p.app, { consents: ['enrolment'] });
    const deed = { subject: { accountId: person.id }, indicator: 'trc.blood.red-cell', occurredAt: '2026-05-02T09:00:00+07:00', evidence: { donationNo: 'M-1' } };
    expect((await attest(p.app, trc, { ...deed, ref: 'm-1' })).json().status).toBe('credited');
    expect((await attest(p.app, trc, { ...deed, ref: 'm-1' })).statusCode).toBe(200);
    // No health consent: refused with its reason, which is a label, never the person.
    expect((await attest(p.app, trc, { ...deed, ref: 'm-2', subject: { accountId: other.id } })).json().status).toBe('rejected');
    const token = await personToken(p.app, person.id);
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/score`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);

    p.clock.advance(90_000);
    const res = await p.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;
    expect(sample(text, 'khwamdee_attestations_total', { outcome: 'credited' })).toBe(1);
    expect(sample(text, 'khwamdee_attestations_total', { outcome: 'replayed' })).toBe(1);
    expect(sample(text, 'khwamdee_attestations_total', { outcome: 'rejected', reason: 'consent_missing' })).toBe(1);
    expect(sample(text, 'khwamdee_http_requests_total', { method: 'GET', route: '/api/v1/accounts/:id/score', status: '200' })).toBe(1);
    expect(sample(text, 'khwamdee_http_request_duration_seconds_count', { route: '/api/v1/accounts/:id/score' })).toBe(1);
    // No account id, national ID or token in any label.
    expect(text).not.toContain(person.id);
    expect(text).not.toContain(person.nationalId);
    expect(text).not.toContain(token);
    // The sequencer is off: the one credit's entry waits, for as long as the clock moved since.
    expect(sample(text, 'khwamdee_sequencer_pending_entries')).toBe(1);
    expect(sample(text, 'khwamdee_sequencer_lag_seconds')).toBe(90);
    expect(sample(text, 'khwamdee_log_size')).toBe(0);
    expect(sample(text, 'khwamdee_webhook_backlog')).toBe(0);
    expect(sample(text, 'khwamdee_imports_active')).toBe(0);
    expect(sample(text, 'khwamdee_process_resident_memory_bytes')).toBeGreaterThan(0);

    await p.sequencer.catchUp();
    const after = (await p.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(after, 'khwamdee_sequencer_pending_entries')).toBe(0);
    expect(sample(after, 'khwamdee_sequencer_lag_seconds')).toBe(0);
    expect(sample(after, 'khwamdee_log_size')).toBeGreaterThanOrEqual(1);
  });

  it('answers liveness without the database and readiness with it', async () => {
    expect((await p.app.inject({ method: 'GET', url: '/livez' })).json()).toEqual({ status: 'ok' });
    expect((await p.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' });
    const unknown = await p.app.inject({ method: 'GET', url: '/api/v1/nothing-here/42' });
    expect(unknown.statusCode).toBe(404);
    const text = (await p.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'khwamdee_http_requests_total', { route: 'unmatched', status: '404' })).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain('nothing-here');
  });
});
