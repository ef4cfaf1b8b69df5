// A refusal carries every reason at once, each with a stable code (translated by the UI and the CLI),
// the input field it concerns where there is one, and the values the message needs.

export type ReasonParams = Record<string, string | number | boolean | null>;

export interface Reason {
  code: string;
  field?: string;
  params?: ReasonParams;
}

export type Decision<T> = { ok: true; value: T } | { ok: false; reasons: Reason[] };

export function accept<T>(value: T): Decision<T> {
  return { ok: true, value };
}

export function refuse<T = never>(reasons: Reason[]): Decision<T> {
  return { ok: false, reasons };
}

export function reason(code: string, field?: string, params?: ReasonParams): Reason {
  const r: Reason = { code };
  if (field !== undefined) r.field = field;
  if (params !== undefined) r.params = params;
  return r;
}
