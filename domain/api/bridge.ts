// The one shape both transports give the renderer: Electron's preload exposes it to the page as `centre`
// over IPC; browser mode implements it over loopback HTTP. The renderer codes against this only.

import type { InputOf, MethodName, OutputOf } from './contract.ts';
import type { Reason } from '../reasons.ts';

export interface ApiErrorBody {
  kind: string;
  message: string;
  reasons: Reason[];
}

export type ApiResponse<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

/** What crosses the boundary: method name, raw input (parsed on the other side), session token. */
export interface CentreBridge {
  call(method: string, input: unknown, session: string | null): Promise<ApiResponse>;
  /** Which transport this is, for the one line in the UI that says so. */
  readonly transport: 'electron' | 'browser';
}

/** Typed helper over a bridge. */
export type TypedCall = <M extends MethodName>(method: M, input: InputOf<M>) => Promise<OutputOf<M>>;
