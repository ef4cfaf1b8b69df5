import type { Reason } from '../domain/reasons.ts';
import { describeReasons } from '../domain/i18n/describe.ts';

export type ApiErrorKind =
  | 'unknown_method'
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_configured'
  | 'not_found'
  | 'refused';

/**
 * An API call that changed nothing, with every reason. `message` is English for logs and the CLI;
 * the UI translates the reason codes into the user's language.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    readonly reasons: Reason[],
  ) {
    super(describeReasons(reasons, 'en'));
  }

  toJSON(): { error: { kind: ApiErrorKind; message: string; reasons: Reason[] } } {
    return { error: { kind: this.kind, message: this.message, reasons: this.reasons } };
  }
}

export function refused(...reasons: Reason[]): ApiError {
  return new ApiError('refused', reasons);
}

export function notFound(code: string, field: string, id: string): ApiError {
  return new ApiError('not_found', [{ code, field, params: { id } }]);
}
