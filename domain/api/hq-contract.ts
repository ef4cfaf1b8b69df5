// HQ mode's API contract (`centre web --hq`): the same shape as the centre's (domain/api/contract.ts),
// its own methods. HQ mode has no accounts: whoever holds the launch token of the HQ app (the HQ
// analyst at the HQ workstation) may call them. Importing slices is the `hq.import` job.

import { z } from 'zod';
import { id, instant, text } from './fields.ts';
import type * as O from './hq-outputs.ts';
import type { HqReceipt } from '../hq/receipt.ts';

export type HqMethodKind = 'read' | 'write';

export interface HqMethodSpec<In extends z.ZodType = z.ZodType, Out = unknown> {
  kind: HqMethodKind;
  summary: string;
  input: In;
  readonly output?: Out;
}

function m<Out>() {
  return <In extends z.ZodType>(spec: Omit<HqMethodSpec<In, Out>, 'output'>): HqMethodSpec<In, Out> => spec;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, { message: 'expected 64 lower-case hex digits' });

/**
 * A centre's id as typed at HQ: the centres' ids are lower-case UUIDs, and one typed in capitals must
 * still name that centre (else the key registered for it would pin nothing, and the first slice's key
 * would be taken on trust).
 */
const centreIdTyped = id.transform((s) => (/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(s) ? s.toLowerCase() : s));

export const hqRegisterKey = z
  .object({
    centreId: centreIdTyped,
    /** Base64 of the raw 32-byte Ed25519 key, as the centre's Settings screen shows it. */
    publicKey: z.string().max(100).optional(),
    /** Or only its fingerprint (hex SHA-256 of the raw key). */
    fingerprint: hex64.optional(),
    note: text(500).default(''),
  })
  .strict()
  .refine((i) => (i.publicKey === undefined) !== (i.fingerprint === undefined), {
    message: 'give the public key or its fingerprint (one of them)',
    path: ['publicKey'],
  });

export const hqContract = {
  'hq.centres': m<O.HqCentreView[]>()({ kind: 'read', summary: 'Every centre HQ knows, with its pinned key and the last entry HQ holds.', input: z.object({}).strict() }),
  'hq.registerKey': m<{ centreId: string; keyFingerprint: string }>()({
    kind: 'write',
    summary: 'Register a centre’s key ahead of its first slice: slices signed by another key are refused. Refused once the centre’s journal is held.',
    input: hqRegisterKey,
  }),
  'hq.imports': m<O.HqImportView[]>()({ kind: 'read', summary: 'The import log: every slice that brought new entries, newest first.', input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict() }),
  'hq.report': m<O.HqReport>()({ kind: 'read', summary: 'National figures across centres, each centre as of its last slice.', input: z.object({ at: instant.optional() }).strict() }),
  'hq.receipt': m<HqReceipt>()({ kind: 'read', summary: 'HQ’s receipt for a centre: the last entry HQ holds, for the centre to record.', input: z.object({ centreId: id }).strict() }),
} as const;

export type HqContract = typeof hqContract;
export type HqMethodName = keyof HqContract;
export type HqInputOf<M extends HqMethodName> = z.input<HqContract[M]['input']>;
export type HqParsedInputOf<M extends HqMethodName> = z.output<HqContract[M]['input']>;
export type HqOutputOf<M extends HqMethodName> = NonNullable<HqContract[M]['output']>;

export function isHqMethodName(name: string): name is HqMethodName {
  return Object.prototype.hasOwnProperty.call(hqContract, name);
}
