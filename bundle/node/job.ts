// The `export` job: an inspection bundle or an HQ slice made in the background (services/jobs runs
// it on a worker thread with its own database connection), with progress and cancel. Registered
// from services/jobs/kinds.ts. Who may export: the head of centre, registrars, and inspectors
// (DESIGN §7: inspectors get read and export).

import { z } from 'zod';
import { reason } from '../../domain/reasons.ts';
import type { Role } from '../../domain/roles.ts';
import { ApiError } from '../../services/errors.ts';
import { lastHqAcknowledgement } from '../../db/queries/exports.ts';
import { registerJob, type JobContext, type Progress } from '../../services/jobs/registry.ts';
import { exportBundle, ExportError, type ExportProgress } from './export.ts';

export const EXPORT_ROLES = ['head_of_centre', 'registrar', 'inspector'] as const satisfies readonly Role[];

export const exportJobInput = z
  .object({
    /** A new (or empty) folder on the machine running the app. */
    outDir: z.string().min(1).max(4096),
    /** Typed by the inspector (or agreed with HQ); at least 12 characters; never stored. */
    passphrase: z.string().max(1000),
    /** Default: an inspection bundle, or an HQ slice when `since` is given. */
    kind: z.enum(['inspection', 'hq-slice']).optional(),
    /**
     * An HQ slice: the entries after this seq (the last one HQ holds), without medical notes.
     * Default: after the last entry HQ acknowledged (exports.acknowledgeHq).
     */
    since: z.number().int().min(0).optional(),
  })
  .strict()
  .refine((i) => !(i.kind === 'inspection' && i.since !== undefined), {
    message: 'an inspection bundle holds the whole journal: it takes no since',
    path: ['since'],
  });

export type ExportJobInput = z.output<typeof exportJobInput>;

export interface ExportJobResult {
  outDir: string;
  kind: 'inspection' | 'hq-slice';
  from: { seq: number; hash: string };
  head: { seq: number; hash: string };
  counts: { entries: number; persons: number; placements: number; medicalNotes: number };
  files: { name: string; bytes: number }[];
  viewerSha256: string;
  seconds: number;
}

/** Share of the progress bar per phase (out of 1000). */
const PHASES: Record<ExportProgress['phase'], [number, number]> = {
  journal: [0, 600],
  tables: [600, 800],
  findings: [800, 850],
  write: [850, 1000],
};

export async function exportJob(input: ExportJobInput, progress: Progress, signal: AbortSignal, context: Pick<JobContext, 'db' | 'service' | 'account'>): Promise<ExportJobResult> {
  if (!context.account) throw new ApiError('unauthenticated', [reason('auth.required')]);
  const kind = input.kind ?? (input.since === undefined ? 'inspection' : 'hq-slice');
  try {
    const r = await exportBundle(context.db, {
      outDir: input.outDir,
      passphrase: input.passphrase,
      kind,
      since: kind === 'hq-slice' ? (input.since ?? lastHqAcknowledgement(context.db)?.seq ?? 0) : 0,
      exportedBy: context.account.username,
      clock: context.service.clock,
      signal,
      onProgress: (p) => {
        const [from, to] = PHASES[p.phase];
        progress(Math.round(from + ((to - from) * p.done) / Math.max(1, p.total)), 1000);
      },
    });
    const m = r.manifest;
    return { outDir: r.outDir, kind: m.kind, from: m.from, head: m.head, counts: m.counts, files: r.files, viewerSha256: r.viewerSha256, seconds: r.seconds };
  } catch (err) {
    if (err instanceof ExportError) {
      const field = /passphrase/.test(err.message) ? 'passphrase' : /since/.test(err.message) ? 'since' : /folder|exists/.test(err.message) ? 'outDir' : undefined;
      throw new ApiError('refused', [reason('input.invalid', field, { detail: err.message })]);
    }
    throw err;
  }
}

registerJob('export', exportJob, { input: exportJobInput, access: { roles: EXPORT_ROLES } });
