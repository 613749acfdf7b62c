import { describe, expect, it } from 'vitest';
import { createVault } from '../../adapters/crypto.js';
import { generateSecrets } from '../../adapters/secrets.js';
import { sealDisplayName, withOpenedName, type AccountRow, type NameKeys } from './accounts.js';

describe('an account row with its name opened', () => {
  const vault = createVault(generateSecrets());
  const subjectKeyEnc = vault.encrypt(vault.newSubjectKey());
  const row = {
    id: 'acc-1',
    kind: 'person',
    display_name: null,
    display_name_enc: sealDisplayName(vault, 'acc-1', subjectKeyEnc, 'สมชาย ใจดี'),
    subject_key_enc: subjectKeyEnc,
  } as unknown as AccountRow;
  const counting = () => {
    const keys = {
      opened: 0,
      subjectKey: (enc: string) => {
        keys.opened++;
        return vault.subjectKey(enc);
      },
    };
    return keys as NameKeys & { opened: number };
  };

  it('opens the name only when it is read, once', () => {
    const keys = counting();
    const opened = withOpenedName(keys, row);
    expect(opened.id).toBe('acc-1');
    expect(keys.opened).toBe(0);
    expect(opened.display_name).toBe('สมชาย ใจดี');
    expect(opened.display_name).toBe('สมชาย ใจดี');
    expect(keys.opened).toBe(1);
  });

  it('shows the name to copies and JSON like a plain property, and takes a new one', () => {
    const opened = withOpenedName(counting(), row);
    expect({ ...opened }.display_name).toBe('สมชาย ใจดี');
    expect(JSON.parse(JSON.stringify(opened)).display_name).toBe('สมชาย ใจดี');
    opened.display_name = 'ชื่อใหม่';
    expect(opened.display_name).toBe('ชื่อใหม่');
  });

  it("answers '' once the name is erased, and a legacy name in clear as it is", () => {
    expect(withOpenedName(counting(), { ...row, display_name_enc: null, subject_key_enc: null }).display_name).toBe('');
    expect(withOpenedName(counting(), { ...row, display_name: 'ชื่อเก่า', display_name_enc: null }).display_name).toBe('ชื่อเก่า');
  });
});
