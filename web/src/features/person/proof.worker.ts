// Checks credits against the public log off the main thread, so the dashboard renders at once and
// stays responsive while the signatures and hashes are computed. Fetches the log's key and the
// published checkpoint once (the checkpoint again only when a proof is for a newer tree than it).
import { type CheckRequest, type CheckResult, type ProofState, checkOne, publishedSize } from './proof';

interface WorkerScope {
  location: { origin: string };
  postMessage(message: CheckResult): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<CheckRequest>) => void): void;
}
const scope = self as unknown as WorkerScope;

async function text(path: string): Promise<string> {
  const res = await fetch(new URL(path, scope.location.origin), { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.text();
}

interface Published {
  note: string;
  verifierKey: string;
  size: number | undefined;
}
let key: Promise<string> | undefined;
let checkpoint: Promise<Published> | undefined;

function published(refresh: boolean): Promise<Published> {
  if (!key) key = text('/log/key');
  if (!checkpoint || refresh) {
    checkpoint = Promise.all([text('/log/checkpoint'), key]).then(([note, verifierKey]) => ({ note, verifierKey, size: publishedSize(note, verifierKey) }));
    // A failed fetch is tried again next time rather than remembered.
    checkpoint.catch(() => {
      checkpoint = undefined;
      key = undefined;
    });
  }
  return checkpoint;
}

async function proofAt(index: number, size: number): Promise<{ leafHash: string; proof: string[] }> {
  return JSON.parse(await text(`/api/v1/log/inclusion?index=${index}&size=${size}`)) as { leafHash: string; proof: string[] };
}

scope.addEventListener('message', async (e) => {
  const { requestId, credits } = e.data;
  let cp: Published | undefined;
  let refreshed = false;
  for (const credit of credits) {
    let result: ProofState;
    try {
      cp = cp ?? (await published(false));
      // The credits were answered for a bigger tree than the checkpoint we hold: fetch it again, once.
      if (!refreshed && credit.inclusion && cp.size !== undefined && credit.inclusion.size > cp.size) {
        refreshed = true;
        cp = await published(true);
      }
      result = await checkOne(credit, cp, proofAt);
    } catch {
      result = { state: 'unavailable' };
    }
    scope.postMessage({ requestId, id: credit.id, result });
  }
});
