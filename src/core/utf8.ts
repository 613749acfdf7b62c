// Streaming UTF-8 validation that names the line of the first bad byte, in bounded memory: the
// check runs on whole lines (a line break byte never occurs inside a multi-byte character), and a
// line longer than CARRY_MAX is checked in pieces cut at a character boundary.
import { isUtf8 } from 'node:buffer';

const NL = 0x0a;
const CARRY_MAX = 1 << 20;

export interface Utf8LineChecker {
  /** Feeds the next bytes; returns the 1-based line holding the first invalid sequence, if any. */
  push(chunk: Uint8Array): number | undefined;
  /** No more bytes: checks what is left (an incomplete character at the end is invalid). */
  end(): number | undefined;
}

function countLines(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(NL); i !== -1; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

/** The first line of `b` (1-based, from `firstLine`) that is not valid UTF-8. */
function badLine(b: Buffer, firstLine: number): number {
  let line = firstLine;
  let start = 0;
  for (let i = b.indexOf(NL); i !== -1; i = b.indexOf(NL, start)) {
    if (!isUtf8(b.subarray(start, i))) return line;
    line++;
    start = i + 1;
  }
  return line;
}

/** Where a possibly incomplete last character starts (so the bytes before it can be checked alone). */
function characterBoundary(b: Buffer): number {
  let i = b.length - 1;
  const stop = Math.max(0, b.length - 4);
  while (i > stop && (b[i]! & 0xc0) === 0x80) i--;
  return (b[i]! & 0xc0) === 0xc0 ? i : b.length;
}

export function createUtf8LineChecker(): Utf8LineChecker {
  let carry = Buffer.alloc(0);
  let linesBefore = 0;
  let failed: number | undefined;
  return {
    push(chunk) {
      if (failed !== undefined) return failed;
      const data = carry.length ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const last = data.lastIndexOf(NL);
      if (last === -1) carry = Buffer.from(data);
      else {
        const head = data.subarray(0, last + 1);
        if (!isUtf8(head)) {
          failed = badLine(head, linesBefore + 1);
          return failed;
        }
        linesBefore += countLines(head);
        carry = Buffer.from(data.subarray(last + 1));
      }
      if (carry.length > CARRY_MAX) {
        const cut = characterBoundary(carry);
        if (!isUtf8(carry.subarray(0, cut))) {
          failed = linesBefore + 1;
          return failed;
        }
        carry = Buffer.from(carry.subarray(cut));
      }
      return undefined;
    },
    end() {
      if (failed !== undefined) return failed;
      if (carry.length && !isUtf8(carry)) failed = linesBefore + 1;
      return failed;
    },
  };
}
