// HQ mode's service: one entry point for every method of the HQ contract (domain/api/hq-contract.ts),
// as CentreService is for the centre's. Inputs are parsed with the contract's schemas; a refused call
// changes nothing. Imports are not here: they are long, and run as the `hq.import` job (or from the
// command line) through HqImporter.

import { hqContract, isHqMethodName, type HqMethodName, type HqOutputOf, type HqParsedInputOf } from '../../domain/api/hq-contract.ts';
import { reason } from '../../domain/reasons.ts';
import { systemClock, toIso, type Clock } from '../../domain/time.ts';
import type { Db } from '../../db/connection.ts';
import { hqReport } from '../../db/hq/report.ts';
import { HqStore } from '../../db/hq/store.ts';
import { ApiError, refused } from '../errors.ts';
import { keyFingerprint } from '../keys.ts';
import { zodReasons } from '../service.ts';
import { receiptFor } from './import.ts';

export interface HqServiceOptions {
  clock?: Clock;
  /** Who works at HQ's workstation (recorded with keys registered through the service). */
  operator: string;
}

type HqHandlers = { [M in HqMethodName]: (input: HqParsedInputOf<M>) => HqOutputOf<M> };

export class HqService {
  readonly store: HqStore;
  readonly clock: Clock;
  private readonly handlers: HqHandlers;
  private readonly tx: (run: () => unknown) => unknown;

  constructor(
    readonly db: Db,
    private readonly options: HqServiceOptions,
  ) {
    this.store = new HqStore(db);
    this.clock = options.clock ?? systemClock;
    const t = db.transaction((run: () => unknown) => run());
    this.tx = (run) => t.immediate(run);
    this.handlers = {
      'hq.centres': () => this.store.centres(),
      'hq.registerKey': (input) => this.tx(() => registerKey(this.store, input, this.options.operator, toIso(this.clock()))) as HqOutputOf<'hq.registerKey'>,
      'hq.imports': (input) => this.store.imports(input.limit),
      'hq.report': (input) => hqReport(db, input.at ?? toIso(this.clock())),
      'hq.receipt': (input) => {
        const c = this.store.centre(input.centreId);
        if (!c || c.head_seq === 0) throw new ApiError('not_found', [reason('hq.no_centre', 'centreId', { centreId: input.centreId })]);
        return receiptFor(c);
      },
    };
  }

  call<M extends HqMethodName>(method: M, input: unknown): HqOutputOf<M>;
  call(method: string, input: unknown): unknown;
  call(method: string, input: unknown): unknown {
    if (!isHqMethodName(method)) throw new ApiError('unknown_method', [reason('api.unknown_method', undefined, { method })]);
    const parsed = hqContract[method].input.safeParse(input ?? {});
    if (!parsed.success) throw new ApiError('invalid_input', zodReasons(parsed.error));
    return (this.handlers[method] as (i: unknown) => unknown)(parsed.data);
  }
}

/** Registers (or, before any import, replaces) a centre's key. */
export function registerKey(store: HqStore, input: HqParsedInputOf<'hq.registerKey'>, by: string, at: string): { centreId: string; keyFingerprint: string } {
  let publicKey: string | null = null;
  let fingerprint: string;
  if (input.publicKey !== undefined) {
    const raw = Buffer.from(input.publicKey, 'base64');
    if (raw.length !== 32 || raw.toString('base64') !== input.publicKey) {
      throw refused(reason('hq.key_invalid', 'publicKey', { detail: 'expected base64 of a raw 32-byte Ed25519 public key' }));
    }
    publicKey = input.publicKey;
    fingerprint = keyFingerprint(publicKey);
  } else {
    fingerprint = input.fingerprint!;
  }
  const known = store.centre(input.centreId);
  if (!known) store.addCentre(input.centreId, publicKey, fingerprint, 'registered', by, at, input.note);
  else if (known.head_seq > 0) {
    throw refused(reason('hq.key_already_held', 'centreId', { centre: known.name ?? known.centre_id, fingerprint: `${known.key_fingerprint.slice(0, 16)}…` }));
  } else store.replaceRegisteredKey(known.centre_no, publicKey, fingerprint, by, at, input.note);
  return { centreId: input.centreId, keyFingerprint: fingerprint };
}
