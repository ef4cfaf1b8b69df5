// Writing responses: JSON answers in the API's own shape (ApiResponse), so the renderer handles a
// refused token or a malformed body the way it handles a refused call; and the security headers
// on everything.

import type { ServerResponse } from 'node:http';
import type { ApiErrorBody, ApiResponse } from '../../domain/api/bridge.ts';
import { reason, type ReasonParams } from '../../domain/reasons.ts';
import { SECURITY_HEADERS } from './security-headers.ts';

export function sendJson(res: ServerResponse, status: number, body: ApiResponse, extra: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** A refusal by the transport itself, before any API method ran: nothing was changed. */
export function transportError(kind: string, code: string, message: string, params?: ReasonParams): ApiResponse {
  const error: ApiErrorBody = { kind, message, reasons: [reason(code, undefined, params)] };
  return { ok: false, error };
}

/** A request refused for who or where it came from (Host, Origin, IPC sender): nothing ran. */
export function refusedRequest(detail: string): ApiResponse {
  return transportError('forbidden', 'transport.forbidden', `request refused: ${detail}`, { detail });
}

/** A request the client got wrong (not JSON, wrong shape, wrong HTTP method): says what and where. */
export function badRequest(detail: string): ApiResponse {
  return transportError('invalid_input', 'input.invalid', detail, { detail });
}

export function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}
