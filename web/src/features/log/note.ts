// What a checkpoint's signature lines say, beyond the log's own signature that log-proof.ts checks:
// the names of the witnesses that cosigned it and when (C2SP tlog-cosignature: key id, u64 time,
// Ed25519 signature). Their keys are not the log's to publish, so the browser lists them; checking
// them is `khwamdee log verify --witness <key>`.

function fromBase64(b64: string): Uint8Array {
  const bin = atob(b64);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

export interface NoteSignature {
  name: string;
  /** Seconds since the epoch, for a cosignature. */
  cosignedAt?: number;
}

export function noteSignatures(note: string): NoteSignature[] {
  const split = note.indexOf('\n\n');
  if (split < 0) return [];
  const out: NoteSignature[] = [];
  for (const line of note.slice(split + 2).split('\n')) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+=*)$/.exec(line);
    if (!m) continue;
    let sig: Uint8Array;
    try {
      sig = fromBase64(m[2]!);
    } catch {
      continue;
    }
    if (sig.length === 4 + 8 + 64) {
      let t = 0;
      for (let i = 4; i < 12; i++) t = t * 256 + sig[i]!;
      out.push({ name: m[1]!, cosignedAt: t });
    } else out.push({ name: m[1]! });
  }
  return out;
}

/** A hash as people compare it by eye: its first characters. */
export const shortHash = (b64: string, n = 12) => (b64.length > n ? `${b64.slice(0, n)}…` : b64);

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
