import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, toHex } from './bytes.js';
import { CheckpointFormatError, formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { emptyRoot } from './hash.js';

// c2sp.org/tlog-checkpoint example.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

describe('tlog-checkpoint', () => {
  it('parses and re-formats the spec example byte for byte', () => {
    const cp = parseCheckpoint(SPEC_BODY);
    expect(cp.origin).toBe('example.com/behind-the-sofa');
    expect(cp.size).toBe(20852163);
    expect(toBase64(cp.rootHash)).toBe('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=');
    expect(cp.extensions).toEqual([]);
    expect(formatCheckpoint(cp)).toBe(SPEC_BODY);
  });

  it('formats origin, size, base64 root and extension lines', () => {
    const text = formatCheckpoint({ origin: 'khwamdee.example/log', size: 0, rootHash: emptyRoot(), extensions: ['x y'] });
    expect(text).toBe('khwamdee.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nx y\n');
    const back = parseCheckpoint(text);
    expect(toHex(back.rootHash)).toBe(toHex(emptyRoot()));
    expect(back.extensions).toEqual(['x y']);
  });

  it('rejects malformed bodies', () => {
    const root = 'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=';
    const bad = [
      '',
      `o\n1\n${root}`, // no final newline
      'o\n1\n',
      `\n1\n${root}\n`, // empty origin
      `o\n01\n${root}\n`, // leading zero
      `o\n-1\n${root}\n`,
      `o\n+1\n${root}\n`,
      `o\n1.0\n${root}\n`,
      `o\n 1\n${root}\n`,
      `o\n99999999999999999999\n${root}\n`,
      `o\n1\n${root.slice(0, -1)}\n`, // bad base64
      'o\n1\n' + 'AAAA' + '\n', // wrong hash length
      `o\n1\n${root}\n\n`, // empty extension line
      `o\n1\n${root}\r\n`,
      `o\tx\n1\n${root}\n`,
    ];
    for (const text of bad) expect(() => parseCheckpoint(text), JSON.stringify(text)).toThrow(CheckpointFormatError);
  });

  it('refuses to format invalid fields', () => {
    const rootHash = fromBase64('CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=')!;
    expect(() => formatCheckpoint({ origin: '', size: 1, rootHash })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'o', size: -1, rootHash })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1.5, rootHash })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash: new Uint8Array(31) })).toThrow(CheckpointFormatError);
    expect(() => formatCheckpoint({ origin: 'o', size: 1, rootHash, extensions: [''] })).toThrow(CheckpointFormatError);
  });
});
