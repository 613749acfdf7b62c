import { describe, expect, it } from 'vitest';
import { createVault, newApiToken, hashApiToken, openName, sealName } from './crypto.js';
import { generateSecrets } from './secrets.js';

describe('identifier vault', () => {
  const vault = createVault(generateSecrets());

  it('hashes the same identifier to the same key and another to another', () => {
    expect(vault.lookupHash('thai_id:1101700230708')).toBe(vault.lookupHash('thai_id:1101700230708'));
    expect(vault.lookupHash('thai_id:1101700230708')).not.toBe(vault.lookupHash('thai_id:1101700230709'));
  });

  it('never stores the identifier in clear and decrypts it back', () => {
    const c = vault.encrypt('thai_id:1101700230708');
    expect(c).not.toContain('1101700230708');
    expect(vault.decrypt(c).toString()).toBe('thai_id:1101700230708');
  });

  it('refuses a tampered ciphertext', () => {
    const c = vault.encrypt('thai_id:1101700230708');
    const flipped = c.slice(0, -2) + (c.at(-2) === 'A' ? 'B' : 'A') + c.at(-1);
    expect(() => vault.decrypt(flipped)).toThrow();
  });

  it('uses different keys per installation', () => {
    expect(createVault(generateSecrets()).lookupHash('x')).not.toBe(vault.lookupHash('x'));
  });

  it('stores only the hash of an API token', () => {
    const { token, hash } = newApiToken('kd');
    expect(token.startsWith('kd_')).toBe(true);
    expect(hashApiToken(token)).toBe(hash);
    expect(hash).not.toContain(token.slice(3));
  });
});

describe('names sealed under a subject key', () => {
  const vault = createVault(generateSecrets());

  it('opens only with the same key and the same account id', () => {
    const key = vault.newSubjectKey();
    const sealed = sealName(key, 'acc-1', 'สมชาย ใจดี');
    expect(sealed).toMatch(/^n1\./);
    expect(sealed).not.toContain('สมชาย');
    expect(openName(key, 'acc-1', sealed)).toBe('สมชาย ใจดี');
    // Another person's key, or the ciphertext copied onto another account, does not open it.
    expect(() => openName(vault.newSubjectKey(), 'acc-1', sealed)).toThrow();
    expect(() => openName(key, 'acc-2', sealed)).toThrow();
  });

  it('caches decrypted subject keys and forgets one on erasure', () => {
    const enc = vault.encrypt(vault.newSubjectKey());
    const first = vault.subjectKey(enc);
    expect(vault.subjectKey(enc)).toBe(first);
    vault.forgetSubjectKey(enc);
    // The cached copy is zeroed; a new read decrypts afresh (the database no longer holds `enc` after erasure).
    expect(first.every((b) => b === 0)).toBe(true);
    expect(vault.subjectKey(enc)).not.toBe(first);
  });
});
