// Key files generated into the data directory on first start (secrets, the log key, the JOSE key).
// Several processes may start at once on one shared data directory (server mode): each writes its
// candidate to a private temporary file and links it into place, which succeeds for exactly one of
// them; the others read the winner's. A reader never sees a half-written key.
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Creates `file` (mode 0600) with `content()` unless it exists; true when this call created it. */
export function createKeyFileOnce(file: string, content: () => string): boolean {
  if (existsSync(file)) return false;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, content(), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}
