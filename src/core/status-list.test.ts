import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { STATUS_LIST_SIZE, decodeStatusList, encodeStatusList, revocationEntryOf, revokedIn, statusBit, statusEntry, statusListCredential } from './status-list.js';

describe('Bitstring Status List', () => {
  it('encodes the minimum 16 KB bitstring, GZIP + base64url with the multibase u, bit 0 the most significant', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    expect(encoded[0]).toBe('u');
    expect(encoded).not.toMatch(/[+/=]/);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bytes.length).toBe(16 * 1024);
    expect(bytes[0]).toBe(0x80);
    expect(bytes[1]).toBe(0x40);
    expect(bytes[bytes.length - 1]).toBe(0x01);
    const bits = decodeStatusList(encoded);
    expect([0, 1, 8, 9, STATUS_LIST_SIZE - 1].map((i) => statusBit(bits, i))).toEqual([true, false, false, true, true]);
  });

  it('refuses indices outside the list and lists shorter than the minimum', () => {
    expect(() => encodeStatusList([STATUS_LIST_SIZE])).toThrow(RangeError);
    expect(() => encodeStatusList([-1])).toThrow(RangeError);
    expect(() => decodeStatusList(encodeStatusList([], 8 * 1024))).toThrow(/fewer than the minimum/);
    expect(() => decodeStatusList('zabc')).toThrow(/multibase/);
  });

  it('reads a credential’s entry and its bit in a list from the same issuer only', () => {
    const entry = statusEntry('https://k.test/', 1, 42);
    expect(entry).toEqual({
      id: 'https://k.test/api/v1/certificates/status/1#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'https://k.test/api/v1/certificates/status/1',
    });
    const found = revocationEntryOf({ credentialStatus: entry })!;
    expect(found).toEqual({ url: entry.statusListCredential, index: 42 });
    expect(revocationEntryOf({})).toBeUndefined();
    expect(() => revocationEntryOf({ credentialStatus: { ...entry, statusListIndex: '4x' } })).toThrow();
    const now = new Date('2026-11-20T03:00:00Z');
    const list = statusListCredential('https://k.test', 1, [42], now, 300_000);
    expect(revokedIn(list, found, 'https://k.test', now)).toBe(true);
    expect(revokedIn(list, { ...found, index: 43 }, 'https://k.test', now)).toBe(false);
    expect(() => revokedIn(list, found, 'https://other.test', now)).toThrow(/issuer/);
    expect(() => revokedIn(list, { url: 'https://k.test/api/v1/certificates/status/2', index: 42 }, 'https://k.test', now)).toThrow(/names/);
    expect(() => revokedIn(list, found, 'https://k.test', new Date(now.getTime() + 600_000))).toThrow(/expired/);
  });
});
