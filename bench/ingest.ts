// Posting attestations through the service layer, and tallying what came back.
import type { Principal } from '../src/core/access.js';
import type { Platform } from '../src/platform.js';
import type { AttestationInput } from '../src/services/attestations.js';

export interface Tally {
  credited: number;
  rejected: number;
  pending: number;
  replayed: number;
  /** Rejection reasons and error codes, with how often each came back. */
  reasons: Map<string, number>;
}

export function emptyTally(): Tally {
  return { credited: 0, rejected: 0, pending: 0, replayed: 0, reasons: new Map() };
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/** Posts `inputs` in `submitMany` calls of `batch` items, one after another. */
export async function submitAll(platform: Platform, principal: Principal, inputs: readonly AttestationInput[], batch: number, tally = emptyTally()): Promise<Tally> {
  const service = platform.services.attestations;
  for (let start = 0; start < inputs.length; start += batch) {
    const outcomes = await service.submitMany(principal, inputs.slice(start, start + batch));
    for (const o of outcomes) {
      if (!o.ok) {
        tally.rejected++;
        bump(tally.reasons, `error:${o.error.code}`);
        continue;
      }
      const r = o.result;
      if (r.replayed) tally.replayed++;
      if (r.status === 'credited') tally.credited++;
      else if (r.status === 'pending') tally.pending++;
      else {
        tally.rejected++;
        bump(tally.reasons, `rejected:${r.reason?.code ?? '?'}`);
      }
    }
  }
  return tally;
}

export function describeReasons(t: Tally): string {
  return t.reasons.size === 0 ? 'none' : [...t.reasons].map(([k, n]) => `${k} ×${n}`).join(', ');
}
