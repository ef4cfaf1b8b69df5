// Form fields with their label, hint and the API's reasons shown next to them. A form wraps its
// fields in <FormReasons reasons={…}>: each field picks the reasons whose `field` path is its name
// (or lies under it: `order` takes `order.term`), and <ErrorSummary> lists all of them at the top,
// each one a button that moves focus to its field (or to the step that holds it).

import {
  createContext,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import type { Reason } from '../../domain/reasons.ts';
import { useI18n } from '../i18n/context.tsx';

interface ReasonsScope {
  reasons: readonly Reason[];
  idPrefix: string;
  /** Field path → another path that is shown instead (e.g. `personId` → `person`). */
  aliases: Record<string, string>;
  onLocate?: ((field: string) => void) | undefined;
}

const ReasonsContext = createContext<ReasonsScope>({ reasons: [], idPrefix: 'f', aliases: {} });

export function FormReasons({
  reasons,
  aliases = {},
  onLocate,
  children,
}: {
  reasons: readonly Reason[];
  aliases?: Record<string, string>;
  onLocate?: (field: string) => void;
  children: ReactNode;
}) {
  const idPrefix = useId().replace(/[^A-Za-z0-9_-]/g, '');
  return <ReasonsContext.Provider value={{ reasons, idPrefix, aliases, onLocate }}>{children}</ReasonsContext.Provider>;
}

export function fieldDomId(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function resolveField(field: string | undefined, aliases: Record<string, string>): string | undefined {
  if (field === undefined) return undefined;
  if (aliases[field] !== undefined) return aliases[field];
  // The longest alias that is a prefix of the path wins: `order.term.value` under `order.term`.
  const hit = Object.keys(aliases)
    .filter((a) => field.startsWith(`${a}.`))
    .sort((a, b) => b.length - a.length)[0];
  return hit !== undefined ? aliases[hit] : field;
}

export function reasonsFor(reasons: readonly Reason[], name: string, aliases: Record<string, string> = {}, exact = false): Reason[] {
  return reasons.filter((r) => {
    const f = resolveField(r.field, aliases);
    return f !== undefined && (f === name || (!exact && f.startsWith(`${name}.`)));
  });
}

/**
 * The reasons for a field name in the nearest FormReasons, and the ids to wire it up. A field takes
 * the reasons for its path and below; a group (`exact`) only those for itself, its fields show theirs.
 */
export function useFieldReasons(name: string | undefined, exact = false) {
  const scope = useContext(ReasonsContext);
  const id = name ? fieldDomId(scope.idPrefix, name) : undefined;
  const reasons = name ? reasonsFor(scope.reasons, name, scope.aliases, exact) : [];
  return { id, reasons };
}

/** The visible label of a field, read from the page: for the error summary's "Field: reason". */
function labelOf(id: string): string | null {
  const el = document.getElementById(id);
  if (!el) return null;
  const text = (node: Element | null | undefined) => {
    if (!node) return null;
    const clone = node.cloneNode(true) as Element;
    clone.querySelectorAll('.required, .vh').forEach((n) => n.remove());
    return clone.textContent?.trim() || null;
  };
  if (el.tagName === 'FIELDSET') return text(el.querySelector(':scope > legend'));
  const escaped = typeof CSS !== 'undefined' && typeof CSS.escape === 'function' ? CSS.escape(id) : id;
  return text(document.querySelector(`label[for="${escaped}"]`));
}

export function FieldReasons({ id, reasons }: { id: string; reasons: readonly Reason[] }) {
  const { reason } = useI18n();
  if (!reasons.length) return null;
  return (
    <ul className="field-reasons" id={id}>
      {reasons.map((r, i) => (
        <li key={i}>
          <span aria-hidden="true">⚠ </span>
          {reason(r)}
        </li>
      ))}
    </ul>
  );
}

/** Every reason of the form, at its top, announced when it appears. */
export function ErrorSummary({ title }: { title?: string }) {
  const { reasons, idPrefix, aliases, onLocate } = useContext(ReasonsContext);
  const { t, reason } = useI18n();
  const [labels, setLabels] = useState<Record<string, string>>({});
  const ref = useRef<HTMLDivElement>(null);
  const key = reasons.map((r) => `${r.code}@${r.field ?? ''}`).join('|');
  useLayoutEffect(() => {
    const next: Record<string, string> = {};
    for (const r of reasons) {
      const f = resolveField(r.field, aliases);
      if (!f) continue;
      const l = labelOf(fieldDomId(idPrefix, f));
      if (l) next[f] = l;
    }
    setLabels(next);
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    // A new refusal: bring it into view so the user sees why nothing was saved.
    if (key) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [key]);
  if (!reasons.length) return null;
  const locate = (field: string) => {
    const el = document.getElementById(fieldDomId(idPrefix, field));
    if (el) {
      el.focus();
      return;
    }
    onLocate?.(field);
  };
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-summary-title">{title ?? t('form.refused')}</p>
      <ul>
        {reasons.map((r, i) => {
          const f = resolveField(r.field, aliases);
          return (
            <li key={i}>
              {f ? (
                <button type="button" className="link" onClick={() => locate(f)}>
                  {labels[f] ? `${labels[f]}: ` : ''}
                  {reason(r)}
                </button>
              ) : (
                reason(r)
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface FieldShellProps {
  label: ReactNode;
  name?: string;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
  /** Extra reasons from outside the form scope (e.g. computed locally). */
  extraReasons?: readonly Reason[];
}

function useShell(props: FieldShellProps) {
  const fallbackId = useId();
  const { id: scopedId, reasons: scoped } = useFieldReasons(props.name);
  const id = scopedId ?? `f${fallbackId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const reasons = [...scoped, ...(props.extraReasons ?? [])];
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errId = reasons.length ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return { id, reasons, hintId, errId, describedBy, invalid: reasons.length > 0 };
}

function Shell({
  props,
  shell,
  children,
}: {
  props: FieldShellProps;
  shell: ReturnType<typeof useShell>;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className={`field${shell.invalid ? ' field-invalid' : ''}${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={shell.id}>
        {props.label}
        {props.required ? <span className="required"> {t('form.required')}</span> : null}
      </label>
      {children}
      {props.hint ? (
        <p className="hint" id={shell.hintId}>
          {props.hint}
        </p>
      ) : null}
      {shell.errId ? <FieldReasons id={shell.errId} reasons={shell.reasons} /> : null}
    </div>
  );
}

type InputBase = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'name'>;

export function TextInput(
  props: FieldShellProps & InputBase & { value: string; onChange(value: string): void },
) {
  const { label, name, hint, required, className, extraReasons, value, onChange, ...rest } = props;
  const shell = useShell({ label, name, hint, required, className, extraReasons });
  return (
    <Shell props={{ label, name, hint, required, className }} shell={shell}>
      <input
        {...rest}
        id={shell.id}
        name={name}
        value={value}
        required={required}
        aria-invalid={shell.invalid || undefined}
        aria-describedby={shell.describedBy}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
    </Shell>
  );
}

export function NumberInput(
  props: FieldShellProps &
    Omit<InputBase, 'type'> & { value: number | null; onChange(value: number | null): void },
) {
  const { label, name, hint, required, className, extraReasons, value, onChange, ...rest } = props;
  const shell = useShell({ label, name, hint, required, className, extraReasons });
  return (
    <Shell props={{ label, name, hint, required, className }} shell={shell}>
      <input
        inputMode="decimal"
        {...rest}
        type="number"
        id={shell.id}
        name={name}
        value={value === null || Number.isNaN(value) ? '' : String(value)}
        required={required}
        aria-invalid={shell.invalid || undefined}
        aria-describedby={shell.describedBy}
        onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      />
    </Shell>
  );
}

export function TextArea(
  props: FieldShellProps &
    Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'name'> & {
      value: string;
      onChange(value: string): void;
    },
) {
  const { label, name, hint, required, className, extraReasons, value, onChange, ...rest } = props;
  const shell = useShell({ label, name, hint, required, className, extraReasons });
  return (
    <Shell props={{ label, name, hint, required, className }} shell={shell}>
      <textarea
        rows={3}
        {...rest}
        id={shell.id}
        name={name}
        value={value}
        required={required}
        aria-invalid={shell.invalid || undefined}
        aria-describedby={shell.describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
  disabled?: boolean;
}

export function Select(
  props: FieldShellProps &
    Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'name'> & {
      value: string;
      options: readonly Option[];
      /** A first, empty choice (e.g. "any", "choose…"). */
      placeholder?: string;
      onChange(value: string): void;
    },
) {
  const { label, name, hint, required, className, extraReasons, value, options, placeholder, onChange, ...rest } = props;
  const shell = useShell({ label, name, hint, required, className, extraReasons });
  return (
    <Shell props={{ label, name, hint, required, className }} shell={shell}>
      <select
        {...rest}
        id={shell.id}
        name={name}
        value={value}
        required={required}
        aria-invalid={shell.invalid || undefined}
        aria-describedby={shell.describedBy}
        onChange={(e) => onChange(e.target.value)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function Checkbox({
  label,
  name,
  checked,
  onChange,
  hint,
  disabled,
}: {
  label: ReactNode;
  name?: string;
  checked: boolean;
  onChange(checked: boolean): void;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  const fallbackId = useId();
  const { id: scopedId, reasons } = useFieldReasons(name);
  const id = scopedId ?? `c${fallbackId.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = reasons.length ? `${id}-err` : undefined;
  return (
    <div className={`check${reasons.length ? ' field-invalid' : ''}`}>
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-invalid={reasons.length ? true : undefined}
        aria-describedby={[hintId, errId].filter(Boolean).join(' ') || undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      ) : null}
      {errId ? <FieldReasons id={errId} reasons={reasons} /> : null}
    </div>
  );
}

/** Several checkboxes for a set of values, in a fieldset with a legend. */
export function CheckboxGroup({
  legend,
  name,
  options,
  value,
  onChange,
  columns = 2,
  disabled,
}: {
  legend: ReactNode;
  name?: string;
  options: readonly Option[];
  value: readonly string[];
  onChange(value: string[]): void;
  columns?: number;
  disabled?: boolean;
}) {
  const { id, reasons } = useFieldReasons(name);
  const errId = reasons.length && id ? `${id}-err` : undefined;
  return (
    <fieldset className={`group cols-${columns}${reasons.length ? ' field-invalid' : ''}`} id={id} tabIndex={id ? -1 : undefined} aria-describedby={errId}>
      <legend>{legend}</legend>
      <div className="group-options">
        {options.map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={value.includes(o.value)}
            disabled={disabled || o.disabled}
            onChange={(on) => onChange(on ? [...value, o.value] : value.filter((v) => v !== o.value))}
          />
        ))}
      </div>
      {errId ? <FieldReasons id={errId} reasons={reasons} /> : null}
    </fieldset>
  );
}

/** Radio buttons in a fieldset: for short, exclusive choices that should all be visible. */
export function RadioGroup({
  legend,
  name,
  options,
  value,
  onChange,
  inline = true,
  hint,
}: {
  legend: ReactNode;
  name: string;
  options: readonly (Option & { hint?: ReactNode })[];
  value: string;
  onChange(value: string): void;
  inline?: boolean;
  hint?: ReactNode;
}) {
  const { id, reasons } = useFieldReasons(name);
  const groupName = useId();
  const errId = reasons.length && id ? `${id}-err` : undefined;
  return (
    <fieldset className={`group radios${inline ? ' inline' : ''}${reasons.length ? ' field-invalid' : ''}`} id={id} tabIndex={id ? -1 : undefined} aria-describedby={errId}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <div className="group-options">
        {options.map((o) => {
          const optId = `${groupName}-${o.value}`.replace(/[^A-Za-z0-9_-]/g, '');
          return (
            <div className="check" key={o.value}>
              <input
                type="radio"
                id={optId}
                name={groupName}
                value={o.value}
                checked={value === o.value}
                disabled={o.disabled}
                onChange={() => onChange(o.value)}
              />
              <label htmlFor={optId}>{o.label}</label>
              {o.hint ? <span className="hint">{o.hint}</span> : null}
            </div>
          );
        })}
      </div>
      {errId ? <FieldReasons id={errId} reasons={reasons} /> : null}
    </fieldset>
  );
}

/** A fieldset that shows the reasons for everything under its name (e.g. `admission.property`). */
export function FieldGroup({ legend, name, children, hint }: { legend: ReactNode; name?: string; children: ReactNode; hint?: ReactNode }) {
  const { id, reasons } = useFieldReasons(name, true);
  const errId = reasons.length && id ? `${id}-err` : undefined;
  return (
    <fieldset className={`group${reasons.length ? ' field-invalid' : ''}`} id={id} tabIndex={id ? -1 : undefined} aria-describedby={errId}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      {children}
      {errId ? <FieldReasons id={errId} reasons={reasons} /> : null}
    </fieldset>
  );
}
