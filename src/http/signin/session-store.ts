// Server-side sessions in the platform's database, so that every API process sees the same sessions,
// signing out ends a session everywhere, and a stolen database holds no usable session id (only hashes).
import { createHash } from 'node:crypto';
import type { Session } from 'fastify';
import type { SessionStore } from '@fastify/session';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { sessionsRepo } from '../../store/repos/sessions.js';

const hashOf = (sessionId: string) => createHash('sha256').update(sessionId).digest('base64url');

export function createSessionStore(deps: { db: Kysely<Database>; now: () => Date; idleMs: number }): SessionStore {
  const { db, now, idleMs } = deps;
  return {
    get(sessionId, callback) {
      sessionsRepo.find(db, hashOf(sessionId)).then(
        (row) => callback(null, row && row.expires_at > now().toISOString() ? (JSON.parse(row.data) as Session) : null),
        (err) => callback(err),
      );
    },
    set(sessionId, session, callback) {
      const expires = new Date(now().getTime() + idleMs).toISOString();
      sessionsRepo.save(db, { id_hash: hashOf(sessionId), data: JSON.stringify(session), expires_at: expires }).then(
        () => callback(undefined),
        (err) => callback(err),
      );
    },
    destroy(sessionId, callback) {
      sessionsRepo.remove(db, hashOf(sessionId)).then(
        () => callback(undefined),
        (err) => callback(err),
      );
    },
  };
}
