// Inputs of the exports.* methods (the centre's side of HQ slices).

import { z } from 'zod';
import { id, instant } from './fields.ts';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits (the entry’s hash)' });

/** What HQ's receipt says: it holds this centre's journal up to entry `seq`, whose hash is `hash`. */
export const acknowledgeHq = z
  .object({
    centreId: id,
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    hash: hex64,
    importedAt: instant.optional(),
  })
  .strict();
