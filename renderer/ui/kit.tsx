// The small component set: buttons, badges, panels, notices, loading and empty states, key-value
// lists. Plain elements with classes from styles/app.css; nothing here fetches data.

import type { ButtonHTMLAttributes, ReactNode } from 'react';
import type { Reason } from '../../domain/reasons.ts';
import type { ApiFailure } from '../api/client.ts';
import { useI18n } from '../i18n/context.tsx';

export function Button({
  variant = 'secondary',
  size,
  busy,
  children,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'small';
  busy?: boolean;
}) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${variant}${size ? ` btn-${size}` : ''}${className ? ` ${className}` : ''}`}
      aria-busy={busy || undefined}
      disabled={rest.disabled || busy}
    >
      {children}
    </button>
  );
}

export type Tone = 'neutral' | 'info' | 'ok' | 'warn' | 'danger' | 'critical';

/** A short label with a colour; the text always says what the colour means. */
export function Badge({ tone = 'neutral', children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      {children}
    </span>
  );
}

export function Panel({
  title,
  actions,
  children,
  className,
  headingLevel = 2,
  id,
}: {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  headingLevel?: 2 | 3;
  id?: string;
}) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} aria-labelledby={id ? `${id}-h` : undefined} id={id}>
      <header className="panel-head">
        <H id={id ? `${id}-h` : undefined}>{title}</H>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {label ?? t('common.loading')}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** A read that failed: the reasons in the user's language. */
export function LoadError({ error }: { error: ApiFailure }) {
  const { t, reason } = useI18n();
  return (
    <div className="notice notice-danger" role="alert">
      <strong>{t('common.loadFailed')}</strong> {error.reasons.map((r) => reason(r)).join('; ')}
    </div>
  );
}

/** A refusal outside a form (an action, a job): every reason in the user's language. */
export function ReasonsNotice({ reasons }: { reasons: readonly Reason[] | null | undefined }) {
  const { reason } = useI18n();
  if (!reasons?.length) return null;
  return (
    <div className="notice notice-danger" role="alert">
      {reasons.map((r) => reason(r)).join('; ')}
    </div>
  );
}

export function Notice({ tone = 'info', children, live }: { tone?: Tone; children: ReactNode; live?: boolean }) {
  return (
    <div className={`notice notice-${tone}`} role={live ? 'status' : undefined}>
      {children}
    </div>
  );
}

/** Term–value pairs: identity blocks, order details. */
export function KeyValues({ items, columns = 2 }: { items: readonly [ReactNode, ReactNode][]; columns?: number }) {
  return (
    <dl className={`kv cols-${columns}`}>
      {items.map(([k, v], i) => (
        <div key={i} className="kv-row">
          <dt>{k}</dt>
          <dd>{v === null || v === undefined || v === '' ? '—' : v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="vh">{children}</span>;
}

/** A link inside the app (hash route). */
export function Link({ to, children, className, ...rest }: { to: string; children: ReactNode; className?: string; 'aria-label'?: string }) {
  return (
    <a href={`#${to}`} className={className} {...rest}>
      {children}
    </a>
  );
}

/** A big number with its label, for the dashboard. */
export function Stat({ label, value, tone }: { label: ReactNode; value: ReactNode; tone?: Tone }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <span className="stat-value">{value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}
