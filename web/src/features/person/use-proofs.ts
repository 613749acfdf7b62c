// The proof mark of each credit, computed by a worker after the list has rendered. Credits not yet in
// the public log are asked for again every few seconds (the log integrates within about a second),
// so the mark turns to verified by itself.
import { useEffect, useState } from 'preact/hooks';
import { type Credits, getCredits } from './api';
import type { CheckResult, CreditToCheck, ProofState } from './proof';

const RECHECK_MS = 3000;
const RECHECKS = 20;

let worker: Worker | undefined;
let broken = false;
let nextRequest = 0;
const listeners = new Map<number, { onResult: (r: CheckResult) => void; onBroken: () => void }>();

function theWorker(): Worker | undefined {
  if (broken || typeof Worker === 'undefined') return undefined;
  if (!worker) {
    worker = new Worker(new URL('./proof.worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (e: MessageEvent<CheckResult>) => listeners.get(e.data.requestId)?.onResult(e.data));
    worker.addEventListener('error', () => {
      broken = true;
      for (const l of listeners.values()) l.onBroken();
      listeners.clear();
    });
  }
  return worker;
}

const toCheck = (credits: Credits): CreditToCheck[] =>
  credits.items.map((c) => ({
    id: c.id,
    indicator: c.indicator,
    ruleVersion: c.ruleVersion,
    points: c.points,
    occurredAt: c.occurredAt,
    year: credits.year,
    issuer: c.issuer,
    certifier: c.certifier,
    logIndex: c.logIndex,
    inclusion: c.inclusion,
  }));

/** The state of each credit's proof, by credit id ('checking' until the worker answers). */
export function useProofs(accountId: string | undefined, credits: Credits | undefined): Map<string, ProofState> {
  const [states, setStates] = useState<Map<string, ProofState>>(new Map());
  useEffect(() => {
    setStates(new Map());
    if (!accountId || !credits || credits.items.length === 0) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let rechecks = 0;
    const requests: number[] = [];
    const set = (id: string, result: ProofState) => live && setStates((s) => new Map(s).set(id, result));

    const check = (list: CreditToCheck[]) => {
      if (list.length === 0) return;
      const w = theWorker();
      if (!w) {
        for (const c of list) set(c.id, { state: 'unavailable' });
        return;
      }
      const requestId = ++nextRequest;
      requests.push(requestId);
      const waiting = new Set<string>();
      let left = list.length;
      listeners.set(requestId, {
        onResult: (r) => {
          set(r.id, r.result);
          if (r.result.state === 'pending') waiting.add(r.id);
          if (--left > 0) return;
          listeners.delete(requestId);
          if (live && waiting.size && rechecks++ < RECHECKS) timer = setTimeout(() => void recheck(waiting), RECHECK_MS);
        },
        onBroken: () => {
          for (const c of list) set(c.id, { state: 'unavailable' });
        },
      });
      w.postMessage({ requestId, credits: list });
    };
    const recheck = async (waiting: Set<string>) => {
      const fresh = await getCredits(accountId, credits.year).catch(() => undefined);
      if (!live || !fresh) return;
      // The credit as it is shown, with the log position and proof it has now.
      const now = new Map(fresh.items.map((c) => [c.id, c]));
      check(
        toCheck(credits).flatMap((c) => {
          const f = now.get(c.id);
          return waiting.has(c.id) && f ? [{ ...c, logIndex: f.logIndex, inclusion: f.inclusion }] : [];
        }),
      );
    };

    check(toCheck(credits));
    return () => {
      live = false;
      clearTimeout(timer);
      for (const r of requests) listeners.delete(r);
    };
  }, [accountId, credits]);
  return states;
}
