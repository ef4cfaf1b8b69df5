// `centre hq …`: HQ mode from the command line (its own database, --db), and `hq acknowledge`, the
// centre's side of HQ's receipt. Exit codes as everywhere: 0 done, 1 refused (any slice refused),
// 2 usage.

import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { HqImportOutcome, HqReport } from '../../../domain/api/hq-outputs.ts';
import { describe } from '../../../domain/i18n/describe.ts';
import { parseReceipt, ReceiptError, receiptFileName, receiptText } from '../../../domain/hq/receipt.ts';
import { reportTables, tableCsv } from '../../../domain/hq/tables.ts';
import { fixedClock, systemClock, type Clock } from '../../../domain/time.ts';
import { ApiError } from '../../errors.ts';
import { HqImporter } from '../../hq/import.ts';
import { importOrder, sliceKeyAt } from '../../hq/order.ts';
import { refusalLogger } from '../../hq/refusals-log.ts';
import { HqService } from '../../hq/service.ts';
import { STORE_WORKER_ENTRY } from '../../hq/store-worker-entry.ts';
import { CHUNK_WORKER_ENTRY } from '../../../bundle/node/chunk-worker-entry.ts';
import type { HqCommand, Invocation } from '../args.ts';
import { fileProblem } from '../files.ts';
import { printJson, type Io } from '../io.ts';
import { readPassphrase } from './bundle.ts';
import { CliError, openExisting, openHqDb, readTextFile, requireHqDatabaseFile, serviceFor, withDb, withDbCreated } from './open.ts';

type Of<N extends HqCommand['name']> = Extract<HqCommand, { name: N }>;

/** Who works at HQ: --as, else the account running the command. */
export function operator(as: string | null): string {
  if (as !== null) {
    if (!/^[A-Za-z0-9_.:@-]{1,64}$/.test(as)) throw new CliError(`--as ${JSON.stringify(as)}: expected a name of letters, digits and . _ : @ -`);
    return as;
  }
  try {
    return userInfo().username || 'hq';
  } catch {
    return 'hq';
  }
}

function clockOf(inv: Invocation): Clock {
  return inv.clock ? fixedClock(inv.clock) : systemClock;
}

export async function hqCommand(inv: Invocation, cmd: HqCommand, io: Io): Promise<number> {
  switch (cmd.name) {
    case 'hq.import':
      return hqImport(inv, cmd, io);
    case 'hq.report':
      return hqReport(inv, cmd, io);
    case 'hq.keys.register':
      return hqKeysRegister(inv, cmd, io);
    case 'hq.keys.list':
      return hqKeysList(inv, cmd, io);
    case 'hq.acknowledge':
      return hqAcknowledge(inv, cmd, io);
  }
}

const LABEL: Record<HqImportOutcome['result'], string> = { imported: 'imported', already_held: 'already held', refused: 'refused' };

async function hqImport(inv: Invocation, cmd: Of<'hq.import'>, io: Io): Promise<number> {
  const passphrase = readPassphrase(cmd.passphraseFile, io);
  const by = operator(cmd.as);
  if (cmd.receipts !== null) {
    try {
      mkdirSync(cmd.receipts, { recursive: true });
    } catch (err) {
      throw new CliError(fileProblem(err, cmd.receipts, { flag: '--receipts', kind: 'folder', noun: 'a folder for the receipts' }));
    }
  }
  return withDb(openHqDb(inv.db), async (db) => {
    const importer = new HqImporter(db, { clock: clockOf(inv), operator: by, onRefused: refusalLogger(inv.db, clockOf(inv)), storeWorker: STORE_WORKER_ENTRY, chunkWorker: CHUNK_WORKER_ENTRY });
    const outcomes: HqImportOutcome[] = [];
    const bundles = importOrder(cmd.bundles, await Promise.all(cmd.bundles.map(sliceKeyAt)));
    for (const bundle of bundles) {
      // Progress only for long imports: a slice of a month goes through before anything is said.
      let last = Date.now();
      const o = await importer.importPath(bundle, {
        passphrase,
        onProgress: (p) => {
          const t = Date.now();
          if (t - last < 2000 || cmd.json) return;
          last = t;
          io.stderr.write(`  ${bundle}: ${p.phase} ${p.done}/${p.total}\n`);
        },
      });
      outcomes.push(o);
      if (o.receipt && cmd.receipts !== null) {
        const file = join(cmd.receipts, receiptFileName(o.receipt));
        try {
          writeFileSync(file, receiptText(o.receipt));
        } catch (err) {
          throw new CliError(`${LABEL[o.result]}: ${bundle}, but its receipt was not written: ${fileProblem(err, file, { kind: 'file', noun: 'a receipt file' })}`);
        }
      }
      if (!cmd.json) (o.result === 'refused' ? io.stderr : io.stdout).write(`${LABEL[o.result]}: ${bundle}: ${o.message}\n`);
    }
    if (cmd.json) printJson(io.stdout, outcomes);
    else if (cmd.receipts !== null && outcomes.some((o) => o.receipt)) io.stdout.write(`receipts written to ${cmd.receipts}: give each centre its own, to record with \`centre hq acknowledge\`\n`);
    return outcomes.some((o) => o.result === 'refused') ? 1 : 0;
  });
}

function existingHq(inv: Invocation) {
  requireHqDatabaseFile(inv.db);
  return openHqDb(inv.db);
}

async function hqReport(inv: Invocation, cmd: Of<'hq.report'>, io: Io): Promise<number> {
  return withDb(existingHq(inv), (db) => {
    const report = new HqService(db, { clock: clockOf(inv), operator: 'hq' }).call('hq.report', {});
    if (cmd.csv !== null) {
      try {
        mkdirSync(cmd.csv, { recursive: true });
      } catch (err) {
        throw new CliError(fileProblem(err, cmd.csv, { flag: '--csv', kind: 'folder', noun: 'a folder for the CSV files' }));
      }
      for (const t of reportTables(report)) {
        const file = join(cmd.csv, `${t.name}.csv`);
        try {
          writeFileSync(file, tableCsv(t));
        } catch (err) {
          throw new CliError(`--csv: ${fileProblem(err, file, { kind: 'file', noun: 'a CSV file' })}`);
        }
      }
    }
    if (cmd.json) printJson(io.stdout, report);
    else io.stdout.write(reportText(report));
    if (cmd.csv !== null && !cmd.json) io.stdout.write(`\nCSV: ${reportTables(report).map((t) => `${t.name}.csv`).join(', ')} in ${cmd.csv}\n`);
    return 0;
  });
}

function reportText(r: HqReport): string {
  if (r.centres.length === 0) return 'HQ holds no centre\'s journal yet: import slices with `centre hq import`.\n';
  const rows: [string, (f: HqReport['national']) => number][] = [
    ['present', (f) => f.population],
    ['  forced / voluntary', (f) => f.populationForced],
    ['placements', (f) => f.placements],
    ['stays past their limit', (f) => f.staysPastLimit],
    ['  still held past it', (f) => f.presentPastLimit],
    ['minors admitted', (f) => f.minorsAdmitted],
    ['minors present', (f) => f.minorsPresent],
    ['unaccompanied minors', (f) => f.unaccompaniedMinors],
    ['  referred', (f) => f.unaccompaniedMinorsReferred],
    ['asylum seekers present', (f) => f.asylumSeekersPresent],
    ['refugees present', (f) => f.refugeesPresent],
    ['trafficking referrals', (f) => f.traffickingReferrals],
    ['findings now', (f) => f.findingsCurrent],
    ['recommendations overdue', (f) => f.recommendationsOverdue],
  ];
  const cols = [...r.centres.map((c) => c.name.slice(0, 18)), 'national'];
  const width = Math.max(10, ...cols.map((c) => c.length)) + 2;
  const cell = (s: string | number) => String(s).padStart(width);
  let out = `National figures at ${r.at}; each centre as of its last slice:\n`;
  out += r.centres.map((c) => `  ${c.name}: as of ${c.asOf}, entries up to ${c.headSeq}\n`).join('');
  out += `\n${''.padEnd(26)}${cols.map(cell).join('')}\n`;
  for (const [label, get] of rows) {
    const values = [...r.centres.map(get), get(r.national)];
    const shown = label.startsWith('  forced') ? [...r.centres.map((c) => `${c.populationForced}/${c.populationVoluntary}`), `${r.national.populationForced}/${r.national.populationVoluntary}`] : values;
    out += `${label.padEnd(26)}${shown.map(cell).join('')}\n`;
  }
  out += '\nlengths of stay that ended, by basis (national): stays, mean h, longest h\n';
  for (const b of r.byBasis.filter((x) => x.centreId === null)) out += `  ${b.basis.padEnd(24)}${cell(b.ended)}${cell(b.meanHours ?? '—')}${cell(b.longestHours ?? '—')}\n`;
  return out;
}

async function hqKeysRegister(inv: Invocation, cmd: Of<'hq.keys.register'>, io: Io): Promise<number> {
  return withDbCreated(inv.db, () => openHqDb(inv.db), (db) => {
    const service = new HqService(db, { clock: clockOf(inv), operator: operator(cmd.as) });
    const input = { centreId: cmd.centreId, note: cmd.note, ...(cmd.publicKey !== null ? { publicKey: cmd.publicKey } : { fingerprint: cmd.fingerprint! }) };
    const r = service.call('hq.registerKey', input);
    io.stdout.write(`registered the key of centre ${r.centreId}: fingerprint ${r.keyFingerprint}\nslices of this centre signed by any other key will be refused\n`);
    return 0;
  });
}

async function hqKeysList(inv: Invocation, cmd: Of<'hq.keys.list'>, io: Io): Promise<number> {
  return withDb(existingHq(inv), (db) => {
    const centres = new HqService(db, { clock: clockOf(inv), operator: 'hq' }).call('hq.centres', {});
    if (cmd.json) {
      printJson(io.stdout, centres);
      return 0;
    }
    if (centres.length === 0) io.stdout.write('no centre yet: register keys with `centre hq keys register`, or import a first slice\n');
    for (const c of centres) {
      io.stdout.write(
        `${c.name ?? '(not yet imported)'}  ${c.centreId}\n` +
          `  key ${c.keyFingerprint}  ${c.pinnedHow === 'registered' ? 'registered ahead' : 'pinned at first import'} by ${c.pinnedBy} at ${c.pinnedAt}${c.note ? ` (${c.note})` : ''}\n` +
          `  held up to entry ${c.head.seq}${c.head.seq ? ` (${c.head.hash}), exported ${c.exportedAt}, imported ${c.importedAt}, ${c.imports} import${c.imports === 1 ? '' : 's'}` : ''}\n`,
      );
    }
    return 0;
  });
}

/** At the centre: records HQ's receipt through the API (exports.acknowledgeHq), as the head of centre. */
async function hqAcknowledge(inv: Invocation, cmd: Of<'hq.acknowledge'>, io: Io): Promise<number> {
  const text = readTextFile(cmd.receipt, { flag: '--receipt', kind: 'file', noun: 'a receipt file' });
  let receipt;
  try {
    receipt = parseReceipt(text);
  } catch (err) {
    if (err instanceof ReceiptError) throw new CliError(`--receipt: ${cmd.receipt}: ${err.message}`);
    throw err;
  }
  return withDb(openExisting(inv), (db) => {
    const as =
      cmd.as ??
      (db.prepare("SELECT username FROM accounts WHERE active = 1 AND role = 'head_of_centre' ORDER BY seq LIMIT 1").pluck().get() as string | undefined);
    if (!as) throw new CliError('this database has no active head of centre: give --as USER');
    const service = serviceFor(inv, db);
    try {
      const r = service.call('exports.acknowledgeHq', { centreId: receipt.centreId, seq: receipt.seq, hash: receipt.hash, importedAt: receipt.importedAt }, { username: as });
      io.stdout.write(`recorded HQ's receipt for entry ${receipt.seq} (journal entry ${r.seq}): the next HQ slice starts after entry ${receipt.seq}\n`);
      return 0;
    } catch (err) {
      if (err instanceof ApiError) throw new CliError(err.reasons.map((x) => describe(x.code, x.params, 'en')).join('; '));
      throw err;
    }
  });
}

