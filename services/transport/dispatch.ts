// One dispatcher for every transport (IPC, loopback HTTP): turns a call into a JSON-safe response.
// Inputs are parsed by the service with the contract's schemas; nothing here trusts them.

import type { ApiResponse } from '../../domain/api/bridge.ts';
import { ApiError } from '../errors.ts';
import type { CentreService } from '../service.ts';

export function dispatch(service: CentreService, method: unknown, input: unknown, session: unknown): ApiResponse {
  if (typeof method !== 'string' || method.length > 100) {
    return { ok: false, error: { kind: 'invalid_input', message: 'method must be a method name', reasons: [{ code: 'api.unknown_method', params: { method: String(method).slice(0, 100) } }] } };
  }
  const caller = typeof session === 'string' && session.length > 0 && session.length <= 200 ? { token: session } : null;
  try {
    return { ok: true, result: service.call(method, input, caller) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, ...err.toJSON() };
    // An unexpected failure: the transaction was rolled back; say so without leaking internals.
    console.error(err);
    return { ok: false, error: { kind: 'internal', message: 'internal error: nothing was changed', reasons: [{ code: 'api.internal' }] } };
  }
}
