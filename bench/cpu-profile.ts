// Where a process's time went, from a V8 CPU profile (`node --cpu-prof`): self and inclusive time by
// function, and self time by package (or by source directory for our own code).
// `npx tsx bench/cpu-profile.ts <file.cpuprofile> [top]`
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../test/support/process.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled milliseconds in all, and those spent idle (waiting for I/O). */
  totalMs: number;
  idleMs: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
  byPackage: Map<string, number>;
}

function shortUrl(url: string): string {
  let u = url.replace(/^file:\/\//, '');
  if (u.startsWith(ROOT)) u = u.slice(ROOT.length + 1);
  return u;
}

/** node_modules/<package> (scoped included), else the directory of our own file, else the URL kind. */
function packageOf(url: string): string {
  const u = shortUrl(url);
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(u);
  if (m) return m[1]!;
  if (u.startsWith('node:')) return 'node (built-in)';
  if (u === '') return '(native / V8)';
  return u.split('/').slice(0, -1).join('/') || u;
}

export function analyseProfile(file: string): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const f = n.callFrame;
    const name = f.functionName || '(anonymous)';
    return f.url ? `${name}  ${shortUrl(f.url)}:${f.lineNumber + 1}` : name;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  p.samples.forEach((id, i) => {
    // timeDeltas[i] is the time since the previous sample: the time of sample i is attributed to it.
    const ms = (p.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id);
    if (!node) return;
    totalMs += ms;
    const k = key(node);
    if (node.callFrame.functionName === '(idle)') idleMs += ms;
    add(self, k, ms);
    add(byPackage, node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : packageOf(node.callFrame.url), ms);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = node; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const nk = key(n);
      if (seen.has(nk)) continue;
      seen.add(nk);
      add(inclusive, nk, ms);
    }
  });
  return { totalMs, idleMs, self, inclusive, byPackage };
}

export function formatProfile(s: ProfileSummary, top: number): string[] {
  const busy = s.totalMs - s.idleMs;
  const rows = (m: Map<string, number>, n: number, skip: (k: string) => boolean = () => false) =>
    [...m]
      .filter(([k]) => k !== '(idle)' && !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${v.toFixed(0).padStart(8)} ms ${((v / busy) * 100).toFixed(1).padStart(5)} %  ${k}`);
  const structural = (k: string) => /^\((root|program|idle|garbage collector)\)/.test(k) || k.startsWith('(anonymous)  node:internal');
  return [
    `sampled ${(s.totalMs / 1000).toFixed(1)} s, idle ${(s.idleMs / 1000).toFixed(1)} s, busy ${(busy / 1000).toFixed(1)} s (percentages of busy)`,
    'self time by package / directory:',
    ...rows(s.byPackage, 15),
    'self time by function:',
    ...rows(s.self, top),
    'inclusive time by function:',
    ...rows(s.inclusive, top, structural),
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx bench/cpu-profile.ts <file.cpuprofile> [top]');
  for (const line of formatProfile(analyseProfile(file), Number(process.argv[3] ?? 30))) console.log(line);
}
