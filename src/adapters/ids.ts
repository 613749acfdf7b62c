import { v7 } from 'uuid';

export interface IdGenerator {
  next(): string;
}

/** Time-ordered UUIDs keep B-tree inserts local in both databases. */
export const uuidV7: IdGenerator = { next: () => v7() };
