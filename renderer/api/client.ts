// The typed client: one `call` per contract method, its input and output types taken from the
// contract. A refused or failed call throws ApiFailure carrying every reason from the API, which the
// screens show in the user's language next to the fields they name.

import type { ApiErrorBody, CentreBridge } from '../../domain/api/bridge.ts';
import { contract, type InputOf, type MethodName, type OutputOf } from '../../domain/api/contract.ts';
import type { Reason } from '../../domain/reasons.ts';

export class ApiFailure extends Error {
  override name = 'ApiFailure';
  constructor(
    readonly kind: string,
    readonly reasons: Reason[],
    message: string,
  ) {
    super(message);
  }

  /** A refusal as the API answered it (a call's or a job's), every reason kept. */
  static from({ kind, reasons, message }: ApiErrorBody): ApiFailure {
    return new ApiFailure(kind, reasons?.length ? reasons : [{ code: 'api.internal' }], message);
  }

  /** The reasons that concern one field path (`order.term`) or anything under it (`order`). */
  forField(path: string): Reason[] {
    return this.reasons.filter((r) => r.field === path || r.field?.startsWith(`${path}.`));
  }
}

export function isApiFailure(e: unknown): e is ApiFailure {
  return e instanceof ApiFailure;
}

/** What a screen shows for anything thrown: an ApiFailure as it is, anything else as an internal error. */
export function asApiFailure(e: unknown): ApiFailure {
  return e instanceof ApiFailure ? e : new ApiFailure('internal', [{ code: 'api.internal' }], String(e));
}

export interface Client {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<OutputOf<M>>;
  readonly transport: CentreBridge['transport'];
}

export interface ClientHooks {
  session(): string | null;
  /** A write went through: screens refetch what they show. */
  onWrite?(method: MethodName): void;
  /** The session is gone (expired, signed out elsewhere): back to sign-in. */
  onUnauthenticated?(reasons: Reason[]): void;
  /** A read answered with the server's instant: keeps the workstation's idea of "now" in step. */
  onServerTime?(at: string, sentAt: number, receivedAt: number): void;
}

export function createClient(bridge: CentreBridge, hooks: ClientHooks): Client {
  return {
    transport: bridge.transport,
    async call(method, input) {
      const sentAt = Date.now();
      const response = await bridge.call(method, input, hooks.session());
      if (!response.ok) {
        const { kind, reasons } = response.error;
        if (kind === 'unauthenticated' && method !== 'accounts.signIn') hooks.onUnauthenticated?.(reasons);
        throw ApiFailure.from(response.error);
      }
      const result = response.result as OutputOf<typeof method>;
      const spec = contract[method];
      if (spec.kind === 'write') hooks.onWrite?.(method);
      const hasOwnAt = input && typeof input === 'object' && 'at' in input && (input as { at?: unknown }).at !== undefined;
      if (spec.kind === 'read' && !hasOwnAt && result && typeof result === 'object' && 'at' in result) {
        const at = (result as { at: unknown }).at;
        if (typeof at === 'string') hooks.onServerTime?.(at, sentAt, Date.now());
      }
      return result;
    },
  };
}
