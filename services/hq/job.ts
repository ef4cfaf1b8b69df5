// The `hq.import` job (HQ mode): slices chosen in the browser (uploads) or named by their folder on
// HQ's machine, imported one after the other on a worker thread, each with its outcome (imported,
// already held, refused and why). Registered from services/jobs/kinds.ts.

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { HqImportOutcome } from '../../domain/api/hq-outputs.ts';
import { describe } from '../../domain/i18n/describe.ts';
import { reason } from '../../domain/reasons.ts';
import { registerHqJob, type HqJobContext, type Progress } from '../jobs/registry.ts';
import { importOrder, sliceKeyAt, sliceKeyOfEnvelope } from './order.ts';
import { HqImporter, type HqImportProgress } from './import.ts';
import { refusalLogger } from './refusals-log.ts';
import { removeUpload, uploadFile } from './uploads.ts';

export const hqImportInput = z
  .object({
    /** Agreed between the centres and HQ at installation; never stored. */
    passphrase: z.string().min(1, { message: 'required' }).max(1000),
    /** Files chosen in the browser: each open-me.html a slice, or one bundle.json with its data.bin. */
    uploads: z.array(z.string().max(64)).max(200).default([]),
    /** Slices on HQ's machine: their folders, open-me.html or bundle.json. */
    paths: z.array(z.string().min(1).max(4096)).max(200).default([]),
  })
  .strict()
  .refine((i) => i.uploads.length + i.paths.length > 0, { message: 'choose at least one slice', path: ['uploads'] });

export interface HqImportJobResult {
  outcomes: HqImportOutcome[];
}

type Source = { kind: 'path'; path: string; label: string } | { kind: 'pair'; envelope: string; data: string; label: string } | { kind: 'unpaired'; label: string; detail: string };

/** Groups the uploaded files into slices: each HTML file is one; a .json and a .bin make one. */
function sources(dbPath: string, uploads: readonly string[], paths: readonly string[]): Source[] {
  const out: Source[] = paths.map((p) => ({ kind: 'path', path: p, label: p }));
  const files = uploads.map((id) => ({ id, file: uploadFile(dbPath, id) }));
  const json: { path: string; name: string }[] = [];
  const bin: { path: string; name: string }[] = [];
  for (const { id, file } of files) {
    if (!file) out.push({ kind: 'unpaired', label: id, detail: 'there is no such upload (it was already imported, or the server restarted)' });
    else if (/\.html?$/i.test(file.name)) out.push({ kind: 'path', path: file.path, label: file.name });
    else if (/\.json$/i.test(file.name)) json.push(file);
    else if (/\.bin$/i.test(file.name)) bin.push(file);
    else out.push({ kind: 'unpaired', label: file.name, detail: 'not a file of a slice: choose open-me.html, or bundle.json with its data.bin' });
  }
  if (json.length === 1 && bin.length === 1) out.push({ kind: 'pair', envelope: json[0]!.path, data: bin[0]!.path, label: `${json[0]!.name} + ${bin[0]!.name}` });
  else {
    for (const f of [...json, ...bin]) {
      out.push({ kind: 'unpaired', label: f.name, detail: 'bundle.json and data.bin go in pairs, one pair at a time (or choose each slice’s open-me.html)' });
    }
  }
  return out;
}

export async function hqImportJob(input: z.output<typeof hqImportInput>, progress: Progress, signal: AbortSignal, ctx: HqJobContext): Promise<HqImportJobResult> {
  const onRefused = refusalLogger(ctx.dbPath, ctx.clock);
  const importer = new HqImporter(ctx.db, { clock: ctx.clock, operator: ctx.operator, onRefused, storeWorker: ctx.storeWorker, chunkWorker: ctx.chunkWorker });
  const given = sources(ctx.dbPath, input.uploads, input.paths);
  const list = importOrder(given, await Promise.all(given.map((s) => (s.kind === 'path' ? sliceKeyAt(s.path) : s.kind === 'pair' ? sliceKeyOfEnvelope(s.envelope) : null))));
  const outcomes: HqImportOutcome[] = [];
  const PHASES: Record<HqImportProgress['phase'], [number, number]> = { replay: [0, 300], verify: [300, 800], store: [800, 1000] };
  try {
    for (const [i, s] of list.entries()) {
      const call = {
        passphrase: input.passphrase,
        signal,
        onProgress: (p: HqImportProgress) => {
          const [from, to] = PHASES[p.phase];
          progress(i * 1000 + Math.round(from + ((to - from) * p.done) / Math.max(1, p.total)), list.length * 1000);
        },
      };
      progress(i * 1000, list.length * 1000);
      if (s.kind === 'path') outcomes.push(await importer.importPath(s.path, call));
      else if (s.kind === 'pair') {
        const [envelope, data] = await Promise.all([readFile(s.envelope), readFile(s.data)]);
        outcomes.push(await importer.importFiles({ envelope: new Uint8Array(envelope), data: new Uint8Array(data) }, s.label, call));
      } else {
        const r = reason('hq.unreadable', undefined, { detail: s.detail });
        const o: HqImportOutcome = { source: s.label, result: 'refused', centreId: null, centreName: null, fromSeq: null, headSeq: null, entriesAdded: 0, reason: { code: r.code, params: r.params! }, message: describe(r.code, r.params, 'en'), receipt: null };
        onRefused(o);
        outcomes.push(o);
      }
      // The outcome names the upload by its file name, not by where the server kept it.
      outcomes[outcomes.length - 1]!.source = s.label;
      signal.throwIfAborted();
    }
    progress(list.length * 1000, list.length * 1000);
    return { outcomes };
  } finally {
    for (const id of input.uploads) removeUpload(ctx.dbPath, id);
  }
}

registerHqJob('hq.import', hqImportJob, { input: hqImportInput });
