// `centre hq …` and `centre export --hq`: a centre's slices into HQ's database and back as a receipt,
// with the exit codes of the README (0 done, 1 refused, 2 usage), the refusal said per slice, CSV
// files of every table, and keys registered ahead.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReceipt } from '../../domain/hq/receipt.ts';
import { personInput } from '../../test/support/fixtures.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { openHqDatabase } from '../../db/hq/connection.ts';
import { contentDigest } from '../hq/test-support.ts';
import { main, type Io } from './main.ts';

class Capture {
  text = '';
  write(s: string): void {
    this.text += s;
  }
}

async function centre(argv: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: Io = { stdout, stderr, stdin: '', env };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const PASS = 'agreed between centre and HQ';
let v: VariedCentre;
let work: string;
let passFile: string;
let hqDb: string;
const clock = ['--clock', '2026-04-03T10:00:00Z'];

beforeAll(() => {
  v = createVariedCentre();
  v.c.db.pragma('wal_checkpoint(TRUNCATE)');
  work = mkdtempSync(join(tmpdir(), 'centre-hq-cli-'));
  passFile = join(work, 'pass');
  writeFileSync(passFile, `${PASS}\n`);
  hqDb = join(work, 'hq.db');
});
afterAll(() => {
  v?.c.close();
  rmSync(work, { recursive: true, force: true });
});

const exportHq = (out: string, extra: string[] = []) => centre(['--db', v.c.path, ...clock, 'export', '--hq', '--out', join(work, out), '--passphrase-file', passFile, '--as', 'head', ...extra]);

describe('centre hq', () => {
  it('imports a slice, writes a receipt the centre records, and the next slice starts after it', async () => {
    const first = await exportHq('s1');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/exported an HQ slice of Test Centre/);
    const receipts = join(work, 'receipts');
    const r = await centre(['--db', hqDb, ...clock, 'hq', 'import', '--passphrase-file', passFile, '--receipts', receipts, '--as', 'analyst', join(work, 's1')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported: .*s1: imported \d+ entries of Test Centre \(entries 1–\d+\)$/m);
    const [file] = readdirSync(receipts);
    expect(file).toMatch(/^hq-receipt-Test-Centre-[0-9a-f]{8}-\d+\.json$/);
    const receipt = parseReceipt(readFileSync(join(receipts, file!), 'utf8'));

    const ack = await centre(['--db', v.c.path, ...clock, 'hq', 'acknowledge', '--receipt', join(receipts, file!)]);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(new RegExp(`the next HQ slice starts after entry ${receipt.seq}`));
    const again = await centre(['--db', v.c.path, ...clock, 'hq', 'acknowledge', '--receipt', join(receipts, file!)]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already acknowledged entry/);

    const second = await exportHq('s2');
    expect(second.stdout).toMatch(new RegExp(`entries ${receipt.seq + 1}–${receipt.seq + 1} \\(1\\)`));
    const both = await centre(['--db', hqDb, ...clock, 'hq', 'import', '--passphrase-file', passFile, join(work, 's1'), join(work, 's2')]);
    expect(both.code).toBe(0);
    expect(both.stdout).toMatch(/^already held: .*s1: HQ already holds Test Centre up to entry/m);
    expect(both.stdout).toMatch(/^imported: .*s2: imported 1 entries/m);
  });

  it('imports slices given out of order in the order of their entries', async () => {
    const head = v.c.call('journal.head', {}).seq;
    expect((await exportHq('o1', ['--since', '0'])).code).toBe(0);
    v.c.call('persons.register', personInput({ familyName: 'Laterova' }));
    expect((await exportHq('o2', ['--since', String(head)])).code).toBe(0);
    const fresh = join(work, 'hq-order.db');
    const r = await centre(['--db', fresh, ...clock, 'hq', 'import', '--passphrase-file', passFile, join(work, 'o2'), join(work, 'o1')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^imported: .*o1: imported ${head} entries of Test Centre \\(entries 1–${head}\\)$`));
    expect(lines[1]).toMatch(new RegExp(`^imported: .*o2: imported 1 entries of Test Centre \\(entries ${head + 1}–${head + 1}\\)$`));
  });

  it('refuses to export on a clock behind the journal, saying so, and writes nothing', async () => {
    const r = await centre(['--db', v.c.path, '--clock', '2026-03-10T10:00:00Z', 'export', '--hq', '--out', join(work, 'back'), '--passphrase-file', passFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the clock reads 2026-03-10T10:00:00\.000Z, before the journal's last entry was recorded \(2026-04-03T03:00:00\.000Z\)/);
    expect(existsSync(join(work, 'back')) ? readdirSync(join(work, 'back')) : []).toEqual([]);
  });

  it('says per slice why one is refused, exits 1, and changes nothing', async () => {
    const db = openHqDatabase(hqDb);
    const before = contentDigest(db);
    db.close();
    const otherPass = join(work, 'other-pass');
    writeFileSync(otherPass, 'not the agreed passphrase\n');
    const wrong = await centre(['--db', v.c.path, ...clock, 'export', '--hq', '--since', '3', '--out', join(work, 'wrong'), '--passphrase-file', otherPass]);
    expect(wrong.code).toBe(0);
    const inspection = await centre(['--db', v.c.path, ...clock, 'export', '--out', join(work, 'insp'), '--passphrase-file', passFile]);
    expect(inspection.code).toBe(0);
    const r = await centre(['--db', hqDb, ...clock, 'hq', 'import', '--passphrase-file', passFile, join(work, 'wrong'), join(work, 'insp'), join(work, 'missing')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^refused: .*wrong: the slice failed verification at step “decryption”: the passphrase does not open the data/m);
    expect(r.stderr).toMatch(/^refused: .*insp: this is an inspection bundle, not an HQ slice/m);
    expect(r.stderr).toMatch(/^refused: .*missing: the slice cannot be read: no such file or folder/m);
    const after = openHqDatabase(hqDb);
    expect(contentDigest(after)).toBe(before);
    after.close();
    // Each refusal is kept in the log beside the database.
    const log = readFileSync(`${hqDb}.refused.log`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { reason: { code: string } });
    expect(log.map((l) => l.reason.code)).toEqual(['hq.verification_failed', 'hq.not_a_slice', 'hq.unreadable']);
  });

  it('reports national figures as text, JSON and CSV files', async () => {
    const r = await centre(['--db', hqDb, ...clock, 'hq', 'report', '--csv', join(work, 'csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/National figures at 2026-04-03T10:00:00.000Z/);
    expect(r.stdout).toMatch(/^present\s+\d+\s+\d+$/m);
    expect(readdirSync(join(work, 'csv')).sort()).toEqual(['by_basis.csv', 'centres.csv', 'findings.csv', 'overdue_recommendations.csv', 'population.csv', 'stay_lengths.csv']);
    const centres = readFileSync(join(work, 'csv', 'centres.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(centres[0]).toMatch(/^centre_id,centre,as_of,head_seq,population,/);
    expect(centres[1]).toMatch(/,Test Centre,/);
    const json = JSON.parse((await centre(['--db', hqDb, ...clock, 'hq', 'report', '--json'])).stdout);
    expect(json.centres[0].population).toBe(Number(centres[1]!.split(',')[4]));
  });

  it('registers keys ahead and lists them', async () => {
    const other = join(work, 'hq-keys.db');
    const key = Buffer.alloc(32, 7).toString('base64');
    const r = await centre(['--db', other, 'hq', 'keys', 'register', '--centre-id', 'centre-2', '--public-key', key, '--note', 'from the installation sheet', '--as', 'admin']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/registered the key of centre centre-2: fingerprint [0-9a-f]{64}/);
    const list = await centre(['--db', other, 'hq', 'keys', 'list']);
    expect(list.stdout).toMatch(/registered ahead by admin/);
    const bad = await centre(['--db', other, 'hq', 'keys', 'register', '--centre-id', 'centre-3', '--public-key', 'short']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/32-byte Ed25519/);
  });

  it('says which commands create a missing HQ database, and creates none', async () => {
    const missing = join(work, 'hq-missing.db');
    for (const argv of [['hq', 'keys', 'list'], ['hq', 'report']]) {
      const r = await centre(['--db', missing, ...argv]);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/no HQ database at .*hq-missing\.db/);
      expect(r.stderr).toMatch(/hq keys register/);
      expect(r.stderr).toMatch(/hq import/);
      expect(r.stderr).not.toMatch(/ init/);
    }
    expect(existsSync(missing)).toBe(false);
  });

  it('leaves no HQ database behind when registering the first key is refused', async () => {
    const fresh = join(work, 'hq-refused.db');
    const r = await centre(['--db', fresh, 'hq', 'keys', 'register', '--centre-id', 'centre-9', '--public-key', 'short']);
    expect(r.code).toBe(1);
    expect(readdirSync(work).filter((f) => f.startsWith('hq-refused.db'))).toEqual([]);
  });

  it('names the receipt, the CSV folder and the database, and says what is wrong with each', async () => {
    const folder = join(work, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const file = join(work, 'a-file');
    writeFileSync(file, 'some notes, not a database\n');
    const ack = await centre(['--db', v.c.path, ...clock, 'hq', 'acknowledge', '--receipt', folder]);
    expect(ack.code).toBe(1);
    expect(ack.stderr).toBe(`error: --receipt: ${folder} is a folder, expected a receipt file\n`);
    const none = await centre(['--db', v.c.path, ...clock, 'hq', 'acknowledge', '--receipt', join(work, 'no-receipt')]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`error: --receipt: ${join(work, 'no-receipt')} does not exist\n`);
    const notJson = await centre(['--db', v.c.path, ...clock, 'hq', 'acknowledge', '--receipt', file]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(new RegExp(`^error: --receipt: ${file}: `));
    const csv = await centre(['--db', hqDb, ...clock, 'hq', 'report', '--csv', file]);
    expect(csv.code).toBe(1);
    expect(csv.stderr).toBe(`error: --csv: ${file} is a file, expected a folder for the CSV files\n`);
    const receipts = await centre(['--db', hqDb, ...clock, 'hq', 'import', '--passphrase-file', passFile, '--receipts', file, join(work, 's1')]);
    expect(receipts.code).toBe(1);
    expect(receipts.stderr).toBe(`error: --receipts: ${file} is a file, expected a folder for the receipts\n`);
    const notDb = await centre(['--db', file, 'hq', 'report']);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toBe(`error: ${file} is not an HQ database (not an SQLite file)\n`);
  });

  it('refuses a centre’s database as HQ’s, and HQ’s as a centre’s', async () => {
    const r = await centre(['--db', v.c.path, 'hq', 'keys', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/is not an HQ database/);
    const back = await centre(['--db', hqDb, 'journal', 'verify']);
    expect(back.code).toBe(1);
    expect(back.stderr).toMatch(/HQ's database, not a centre's register/);
  });

  it('exits 2 on usage errors', async () => {
    for (const argv of [
      ['hq'],
      ['hq', 'frobnicate'],
      ['hq', 'import', '--passphrase-file', passFile],
      ['hq', 'report', '--receipts', 'x'],
      ['hq', 'keys', 'register', '--centre-id', 'x'],
      ['hq', 'keys', 'register', '--centre-id', 'x', '--public-key', 'a', '--fingerprint', 'b'],
      ['hq', 'acknowledge'],
      ['hq', 'report', 'extra'],
    ]) {
      const r = await centre(['--db', hqDb, ...argv]);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^centre: /);
    }
    expect(existsSync(join(work, 'x'))).toBe(false);
    // HQ's database is always named.
    for (const argv of [['hq', 'report'], ['hq', 'keys', 'list'], ['web', '--hq']]) {
      const r = await centre(argv, { CENTRE_DB: hqDb });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/needs --db HQDB/);
    }
  });
});
