// `centre export`, `centre verify`, `centre viewer`: the inspection bundle and HQ slices from the
// command line (bundle/ does the work; docs/bundle-format.md is the format).
//
// The passphrase is never a command-line argument (it would land in the shell's history and in the
// process list): it is the first line of --passphrase-file, or else $CENTRE_PASSPHRASE.

import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { EXPORT_ROLES } from '../../../bundle/node/job.ts';
import { CheckpointError, describeComparison, makeCheckpoint, parseCheckpoint, type Checkpoint } from '../../../bundle/format/checkpoint.ts';
import { STEP_TITLES, type Verdict } from '../../../bundle/format/verify.ts';
import { nodeCrypto } from '../../../bundle/node/crypto-node.ts';
import { exportBundle, ExportError, type ExportProgress } from '../../../bundle/node/export.ts';
import { FINDINGS_WORKER_ENTRY } from '../../../bundle/node/findings-worker-entry.ts';
import { BundleReadError, verifyBundleAt } from '../../../bundle/node/verify.ts';
import { checkFindings, findingsFromJournal, type FindingsCheck } from '../../../bundle/node/findings-check.ts';
import { profileById } from '../../../domain/profile/az-default.ts';
import { CHUNK_WORKER_ENTRY } from '../../../bundle/node/chunk-worker-entry.ts';
import { bareViewerHtml, sha256Hex } from '../../../bundle/viewer/build.ts';
import { fixedClock, systemClock, toIso } from '../../../domain/time.ts';
import type { Db } from '../../../db/connection.ts';
import { lastHqAcknowledgement } from '../../../db/queries/exports.ts';
import { UsageError, type Invocation } from '../args.ts';
import { fileProblem } from '../files.ts';
import { printJson, type Io } from '../io.ts';
import { CliError, openCentreDb, readTextFile, requireDatabaseFile, withDb } from './open.ts';

export interface ExportCommand {
  out: string;
  passphraseFile: string | null;
  since: number | null;
  /** An HQ slice; without `since`, of the entries after the last one HQ acknowledged. */
  hq?: boolean;
  as: string | null;
}

export interface VerifyCommand {
  bundle: string;
  passphraseFile: string | null;
  checkpoint: string | null;
  saveCheckpoint: string | null;
  json: boolean;
  /** Compute the findings again from the journal and compare (slow: a whole replay into SQLite). */
  findings?: boolean;
}

/** The passphrase: first line of the file, else $CENTRE_PASSPHRASE, else a usage error. */
export function readPassphrase(file: string | null, io: Io): string {
  if (file !== null) {
    const text = readTextFile(file, { flag: '--passphrase-file', kind: 'file', noun: 'a file holding the passphrase' });
    const line = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    if (line === '') throw new CliError(`the passphrase file ${file} is empty (the passphrase is its first line)`);
    return line;
  }
  const env = (io.env ?? process.env)['CENTRE_PASSPHRASE'];
  if (env) return env;
  throw new UsageError('give the passphrase with --passphrase-file F (its first line) or in $CENTRE_PASSPHRASE, never as an argument');
}

/** Who exports: --as, or the first active head of centre. Must be allowed to export. */
function exporter(db: Db, as: string | null): string {
  const row = (
    as === null
      ? db.prepare("SELECT username, role, active FROM accounts WHERE active = 1 AND role = 'head_of_centre' ORDER BY seq LIMIT 1").get()
      : db.prepare('SELECT username, role, active FROM accounts WHERE username = ?').get(as)
  ) as { username: string; role: string; active: number } | undefined;
  if (!row) throw new CliError(as === null ? 'this database has no active head of centre to export as: give --as USER' : `no account ${as}`);
  if (row.active !== 1) throw new CliError(`account ${row.username} is disabled`);
  if (!(EXPORT_ROLES as readonly string[]).includes(row.role)) {
    throw new CliError(`account ${row.username} (${row.role}) may not export: ${EXPORT_ROLES.join(', ')} may`);
  }
  return row.username;
}

function progressReporter(io: Io): (p: ExportProgress) => void {
  let last = -Infinity;
  return (p) => {
    const t = Date.now();
    if (p.done < p.total && t - last < 1000) return;
    last = t;
    io.stderr.write(`exporting: ${p.phase} ${p.done}/${p.total}\n`);
  };
}

/**
 * Whether a file-system error is about the --out folder: the folder itself, a file in it, or the
 * export's staging folder beside it (named after it). Any other file's error is not the person's
 * mistake and is not said as one.
 */
function aboutFolder(err: unknown, out: string): boolean {
  const path = (err as NodeJS.ErrnoException | null)?.path;
  if (typeof path !== 'string') return false;
  const dir = resolve(out);
  const first = relative(dirname(dir), resolve(path)).split(sep)[0]!;
  return first === basename(dir) || first.startsWith(`.${basename(dir)}.`);
}

export async function exportCommand(inv: Invocation, cmd: ExportCommand, io: Io): Promise<number> {
  const passphrase = readPassphrase(cmd.passphraseFile, io);
  requireDatabaseFile(inv.db);
  return withDb(openCentreDb(inv.db, { readonly: true }), async (db) => {
    const kind = cmd.hq ? 'hq-slice' : 'inspection';
    try {
      const r = await exportBundle(db, {
        outDir: cmd.out,
        passphrase,
        kind,
        since: cmd.since ?? (kind === 'hq-slice' ? (lastHqAcknowledgement(db)?.seq ?? 0) : 0),
        exportedBy: exporter(db, cmd.as),
        clock: inv.clock ? fixedClock(inv.clock) : systemClock,
        onProgress: progressReporter(io),
        findingsWorker: FINDINGS_WORKER_ENTRY,
      });
      const m = r.manifest;
      io.stdout.write(
        `exported ${kind === 'inspection' ? 'an inspection bundle' : 'an HQ slice'} of ${m.centre.name} to ${r.outDir}\n` +
          `  entries ${m.from.seq + 1}–${m.head.seq} (${m.counts.entries}), head hash ${m.head.hash}\n` +
          `  ${m.counts.persons} persons, ${m.counts.placements} placements, ${m.counts.medicalNotes} medical notes\n` +
          `  files: ${r.files.map((f) => `${f.name} (${f.bytes} bytes)`).join(', ')}\n` +
          `  viewer SHA-256 ${r.viewerSha256}\n` +
          `  in ${r.seconds.toFixed(1)} s\n`,
      );
      return 0;
    } catch (err) {
      if (err instanceof ExportError) throw new CliError(err.message);
      if (aboutFolder(err, cmd.out)) throw new CliError(fileProblem(err, cmd.out, { flag: '--out', kind: 'folder', noun: 'a new folder for the bundle' }));
      throw err;
    }
  });
}

function summary(v: Verdict, findings: FindingsCheck | null) {
  const m = v.manifest;
  return {
    ok: v.ok && (findings?.ok ?? true),
    findings,
    failure: v.failure,
    steps: v.steps,
    warnings: v.warnings,
    manifest: m,
    head: m?.head ?? null,
    counts: m?.counts ?? null,
    checkpoint: v.checkpoint,
  };
}

export async function verifyCommand(cmd: VerifyCommand, io: Io): Promise<number> {
  const passphrase = readPassphrase(cmd.passphraseFile, io);
  let checkpoint: Checkpoint | null = null;
  if (cmd.checkpoint !== null) {
    // A checkpoint that cannot be read is bad input (exit 1), not a malformed command line.
    const text = readTextFile(cmd.checkpoint, { flag: '--checkpoint', kind: 'file', noun: 'a checkpoint file' });
    try {
      checkpoint = parseCheckpoint(text);
    } catch (err) {
      if (err instanceof CheckpointError) throw new CliError(`--checkpoint: ${cmd.checkpoint}: ${err.message}`);
      throw err;
    }
  }
  let verdict: Verdict;
  try {
    verdict = await verifyBundleAt(cmd.bundle, passphrase, { checkpoint, chunkWorker: CHUNK_WORKER_ENTRY });
  } catch (err) {
    if (err instanceof BundleReadError) throw new CliError(err.message);
    throw err;
  }
  if (verdict.ok && cmd.saveCheckpoint !== null) {
    if (verdict.manifest!.kind !== 'inspection') throw new CliError('a checkpoint is saved from an inspection bundle, not from an HQ slice');
    const cp = await makeCheckpoint(verdict.manifest!, verdict.content!.journal, nodeCrypto, toIso(Date.now()));
    try {
      await writeFile(cmd.saveCheckpoint, `${JSON.stringify(cp)}\n`);
    } catch (err) {
      throw new CliError(fileProblem(err, cmd.saveCheckpoint, { flag: '--save-checkpoint', kind: 'file', noun: 'a file to save the checkpoint in' }));
    }
  }
  const findings = cmd.findings && verdict.ok ? recheckFindings(verdict) : null;
  const ok = verdict.ok && (findings?.ok ?? true);
  if (cmd.json) {
    printJson(io.stdout, summary(verdict, findings));
    return ok ? 0 : 1;
  }
  const m = verdict.manifest;
  const out = ok ? io.stdout : io.stderr;
  const who = m ? `${m.centre.name}, ${m.kind === 'inspection' ? 'inspection bundle' : 'HQ slice'}, entries ${m.from.seq + 1}–${m.head.seq}` : 'bundle';
  if (ok) out.write(`INTACT: ${who}\n  head seq ${m!.head.seq} hash ${m!.head.hash}\n`);
  else if (verdict.ok) out.write(`NOT AS SIGNED: ${who}\n  the findings it carries are not those its journal gives\n  ${findings!.difference}\n`);
  else {
    const f = verdict.failure!;
    out.write(`NOT INTACT: ${who}\n  failed: ${STEP_TITLES[f.step]} [${f.step}]${f.seq !== undefined ? `, first bad seq ${f.seq}` : ''}\n  ${f.message}\n`);
  }
  for (const s of verdict.steps) out.write(`  ${s.ok ? (s.skipped ? '-' : 'ok') : 'FAILED'}  ${s.step}: ${s.detail}\n`);
  if (findings) {
    const said = `computed again from the journal at ${m!.exportedAt}: ${findings.current} now, ${findings.history} in the audit`;
    out.write(`  ${findings.ok ? 'ok' : 'FAILED'}  findings: ${findings.ok ? `${said}, as the bundle says` : said}\n`);
  }
  if (m && verdict.ok) {
    out.write(`  counts: ${m.counts.entries} entries, ${m.counts.persons} persons, ${m.counts.placements} placements, ${m.counts.medicalNotes} medical notes\n`);
  }
  if (verdict.checkpoint) out.write(`  ${describeComparison(verdict.checkpoint)}\n`);
  if (verdict.checkpoint?.status === 'diverged') {
    for (const d of verdict.checkpoint.differences.slice(0, 20)) {
      const what =
        d.kind === 'moved'
          ? `seq ${d.seq}${d.run && d.run > 1 ? `–${d.seq! + d.run - 1}` : ''} moved to ${d.newSeq}${d.run && d.run > 1 ? `–${d.newSeq! + d.run - 1}` : ''}`
          : d.kind === 'inserted'
            ? `seq ${d.newSeq} inserted`
            : `seq ${d.seq} ${d.kind}`;
      out.write(`    ${what}\n`);
    }
    if (verdict.checkpoint.differences.length > 20) out.write(`    … (${verdict.checkpoint.differences.length - 20} more lines: use --json)\n`);
  }
  for (const w of verdict.warnings) out.write(`  note: ${w}\n`);
  if (verdict.ok && cmd.saveCheckpoint !== null) out.write(`  checkpoint saved to ${cmd.saveCheckpoint}\n`);
  return ok ? 0 : 1;
}

/** --findings: the bundle's findings against those its journal gives (an intact verdict's content). */
function recheckFindings(verdict: Verdict): FindingsCheck {
  const m = verdict.manifest!;
  const content = verdict.content!;
  if (m.from.seq !== 0) throw new CliError(`--findings needs the whole journal, and this HQ slice starts after entry ${m.from.seq}`);
  if (!content.findings) throw new CliError('--findings: this bundle carries no findings to check');
  const profile = profileById(m.centre.profileId) ?? content.profile;
  if (!profile) throw new CliError(`--findings: the bundle's legal profile ${m.centre.profileId} is not one this build knows`);
  return checkFindings(content.findings, findingsFromJournal(content.journal.entries(), profile, m.centre.timeZone, m.exportedAt));
}

export async function viewerCommand(cmd: { out: string }, io: Io): Promise<number> {
  const html = await bareViewerHtml();
  try {
    writeFileSync(cmd.out, html);
  } catch (err) {
    throw new CliError(fileProblem(err, cmd.out, { flag: '--out', kind: 'file', noun: 'a file for the viewer' }));
  }
  io.stdout.write(`wrote the viewer to ${cmd.out} (${Buffer.byteLength(html)} bytes)\nSHA-256 ${sha256Hex(html)}\n`);
  return 0;
}
