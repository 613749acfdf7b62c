import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema.js';

/** Repositories take either the database or an open transaction, so a use case decides the boundary. */
export type Queryable = Kysely<Database> | Transaction<Database>;
