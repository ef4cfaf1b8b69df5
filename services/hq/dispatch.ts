// HQ mode's dispatcher for the loopback transport: as services/transport/dispatch.ts for a centre,
// the call turned into a JSON-safe response, nothing trusted from the caller.

import type { ApiResponse } from '../../domain/api/bridge.ts';
import { ApiError } from '../errors.ts';
import type { HqService } from './service.ts';

export function hqDispatch(service: HqService, method: unknown, input: unknown): ApiResponse {
  if (typeof method !== 'string' || method.length > 100) {
    return { ok: false, error: { kind: 'invalid_input', message: 'method must be a method name', reasons: [{ code: 'api.unknown_method', params: { method: String(method).slice(0, 100) } }] } };
  }
  try {
    return { ok: true, result: service.call(method, input) };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, ...err.toJSON() };
    console.error(err);
    return { ok: false, error: { kind: 'internal', message: 'internal error: nothing was changed', reasons: [{ code: 'api.internal' }] } };
  }
}
