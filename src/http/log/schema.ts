import { z } from 'zod';

const treeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const hash = z.string().describe('base64 SHA-256 hash');

export const inclusionQuery = z.object({
  index: treeSize.describe('Leaf index'),
  size: treeSize.optional().describe('Tree size to prove against; defaults to the latest checkpoint'),
});

export const inclusionResponse = z.object({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: hash,
  proof: z.array(hash).describe('RFC 9162 inclusion path, leaf to root'),
  checkpoint: z.string().optional().describe('The signed checkpoint (C2SP signed note) of this tree size'),
});

export const consistencyQuery = z.object({
  from: treeSize.describe('Older tree size'),
  to: treeSize.optional().describe('Newer tree size; defaults to the latest checkpoint'),
});

export const consistencyResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(hash).describe('RFC 9162 consistency proof'),
});

export const tileParams = z.object({ '*': z.string().max(200) });
