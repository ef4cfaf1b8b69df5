// `centre findings [--json] [--history]`: the rule findings at the clock's instant, read as the first
// active head of centre or inspector (a read-only call; findings are the same for every role).

import type { FindingsResult } from '../../../domain/api/outputs.ts';
import type { Finding } from '../../../domain/findings/types.ts';
import { describe } from '../../../domain/i18n/describe.ts';
import type { Db } from '../../../db/connection.ts';
import type { Invocation } from '../args.ts';
import { printJson, type Io } from '../io.ts';
import { CliError, openExisting, serviceFor, withDb } from './open.ts';

const SEVERITY_ORDER = ['critical', 'high', 'medium', 'low'] as const;

function reader(db: Db): string {
  const row = db
    .prepare(
      `SELECT username FROM accounts WHERE active = 1 AND role IN ('head_of_centre', 'inspector')
       ORDER BY CASE role WHEN 'head_of_centre' THEN 0 ELSE 1 END, seq LIMIT 1`,
    )
    .get() as { username: string } | undefined;
  if (!row) {
    throw new CliError('findings are read as a head of centre or an inspector, and this database has no active one (set the centre up with centre init --name …)');
  }
  return row.username;
}

export function findingMessage(f: Finding): string {
  return describe(`finding.${f.code}`, f.params, 'en');
}

function list(ids: readonly string[]): string {
  return ids.length ? ids.join(',') : '-';
}

/** A plain-text table, one finding per line; the message column is last and not padded. */
export function findingsTable(result: FindingsResult): string {
  const header = ['SEVERITY', 'CODE', 'FROM', 'TO', 'PERSONS', 'PLACEMENTS', 'MESSAGE'];
  const rows = result.findings.map((f) => [
    f.severity,
    f.code,
    f.from,
    f.to ?? 'ongoing',
    list(f.personIds),
    list(f.placementIds),
    findingMessage(f),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

export function findingsSummary(result: FindingsResult): string {
  const what = result.mode === 'history' ? 'in the audit up to' : 'at';
  if (result.findings.length === 0) return `no findings ${what} ${result.at}\n`;
  const counts = SEVERITY_ORDER.map((s) => `${result.bySeverity[s] ?? 0} ${s}`).join(', ');
  const n = result.findings.length;
  return `${n} finding${n === 1 ? '' : 's'} ${what} ${result.at}: ${counts}\n`;
}

export async function findings(inv: Invocation, cmd: { json: boolean; history: boolean }, io: Io): Promise<number> {
  return withDb(openExisting(inv), (db) => {
    const method = cmd.history ? 'findings.history' : 'findings.current';
    const result = serviceFor(inv, db).call(method, {}, { username: reader(db) });
    if (cmd.json) {
      printJson(io.stdout, result);
    } else {
      if (result.findings.length) io.stdout.write(findingsTable(result));
      io.stdout.write(findingsSummary(result));
    }
    return 0;
  });
}
