import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../domain/api/contract.ts';
import type { FindingsResult } from '../../domain/api/outputs.ts';
import { addHours } from '../../domain/time.ts';
import { admissionRecord, personInput, serviceOrder } from '../../test/support/fixtures.ts';
import { PASSWORD, T0 } from '../../test/support/harness.ts';
import { parseArgs, UsageError } from './args.ts';
import { main, type Io } from './main.ts';

const SETUP_AT = '2026-03-01T00:00:00.000Z';

class Capture {
  text = '';
  write(s: string): void {
    this.text += s;
  }
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

async function centre(argv: string[], stdin: string = ''): Promise<Run> {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: Io = { stdout, stderr, stdin, env: {} };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text, json: () => JSON.parse(stdout.text) };
}

let work: string;
/** A database with the centre set up: head "head" and inspector "insp". */
let template: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centre-cli-'));
  template = join(work, 'template.db');
  const passwordFile = join(work, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  const init = await centre([
    '--db', template, '--clock', SETUP_AT, 'init',
    '--name', 'Test Centre', '--time-zone', 'Asia/Baku', '--head', 'head', '--head-name', 'Head of Centre',
    '--password-file', passwordFile,
  ]);
  expect(init.stderr).toBe('');
  expect(init.code).toBe(0);
  const insp = await centre([
    'call', 'accounts.create',
    JSON.stringify({ username: 'insp', displayName: 'Inspector', role: 'inspector', password: PASSWORD }),
    '--as', 'head', '--db', template, '--clock', SETUP_AT,
  ]);
  expect(insp.stderr).toBe('');
  expect(insp.code).toBe(0);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(work, 'test-'));
  db = join(dir, 'centre.db');
  copyFileSync(template, db);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('argument parsing', () => {
  it('takes global flags before or after the command, and CENTRE_DB as the default path', () => {
    expect(parseArgs(['--db', 'a.db', 'methods']).db).toBe('a.db');
    expect(parseArgs(['methods', '--db=b.db']).db).toBe('b.db');
    expect(parseArgs(['methods'], { CENTRE_DB: 'c.db' }).db).toBe('c.db');
    expect(parseArgs(['methods']).db).toBe('./centre.db');
    expect(parseArgs(['findings', '--clock', '2026-03-01T12:00:00+04:00']).clock).toBe('2026-03-01T08:00:00.000Z');
  });

  it('refuses malformed lines with a UsageError', () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['methods', '--nope'],
      ['methods', 'extra'],
      ['call'],
      ['seed'],
      ['seed', '--persons', 'ten'],
      ['seed', '--persons', '5', '--years', 'x'],
      ['journal'],
      ['journal', 'repair'],
      ['--clock', 'yesterday', 'methods'],
      ['init', '--name', 'X'],
      ['call', 'journal.head', '--as'],
      ['export', '--out', 'x', '--since', '3'],
    ]) {
      expect(() => parseArgs(argv), argv.join(' ')).toThrow(UsageError);
    }
  });
});

describe('centre init and call', () => {
  it('creates a fresh database; centre.get needs no account', async () => {
    const fresh = join(dir, 'fresh.db');
    const init = await centre(['--db', fresh, 'init']);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/schema 0 -> \d+/);
    const again = await centre(['--db', fresh, 'init']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/up to date/);
    const get = await centre(['--db', fresh, 'call', 'centre.get']);
    expect(get.code).toBe(0);
    expect(get.json()).toMatchObject({ configured: false });
  });

  it('sets the centre up with its head of centre, who can then call as themselves', async () => {
    const get = await centre(['call', 'centre.get', '--db', db]);
    expect(get.json()).toMatchObject({ configured: true, name: 'Test Centre', timeZone: 'Asia/Baku' });
    const me = await centre(['--db', db, 'call', 'accounts.me', '--as', 'head']);
    expect(me.stderr).toBe('');
    expect(me.code).toBe(0);
    expect(me.json()).toMatchObject({ username: 'head', displayName: 'Head of Centre', role: 'head_of_centre' });
  });

  it('refuses to set the centre up twice', async () => {
    const passwordFile = join(dir, 'pw');
    writeFileSync(passwordFile, PASSWORD);
    const r = await centre(['--db', db, 'init', '--name', 'Other', '--time-zone', 'Asia/Baku', '--head', 'boss', '--password-file', passwordFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: /);
  });

  it('refuses a bad setup of a new database leaving no file behind, and prints no schema line', async () => {
    const fresh = join(dir, 'refused.db');
    const shortPassword = join(dir, 'short');
    writeFileSync(shortPassword, 'short\n');
    const good = join(dir, 'good');
    writeFileSync(good, `${PASSWORD}\n`);
    for (const [head, pw, message] of [
      ['H', good, /head\.username/],
      ['boss', shortPassword, /head\.password: at least 10 characters/],
    ] as const) {
      const r = await centre(['--db', fresh, 'init', '--name', 'X', '--time-zone', 'Asia/Baku', '--head', head, '--password-file', pw]);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(readdirSync(dir).filter((f) => f.startsWith('refused.db'))).toEqual([]);
    }
  });

  it('refuses a bad setup of an existing database leaving it as it was', async () => {
    const fresh = join(dir, 'fresh.db');
    expect((await centre(['--db', fresh, 'init'])).code).toBe(0);
    const pw = join(dir, 'pw');
    writeFileSync(pw, PASSWORD);
    const r = await centre(['--db', fresh, 'init', '--name', 'X', '--time-zone', 'Asia/Baku', '--head', 'H', '--password-file', pw]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(existsSync(fresh)).toBe(true);
    expect((await centre(['--db', fresh, 'call', 'centre.get'])).json()).toMatchObject({ configured: false });
  });

  it('names the password file and what is wrong with it', async () => {
    const base = ['--db', join(dir, 'new.db'), 'init', '--name', 'X', '--time-zone', 'Asia/Baku', '--head', 'boss', '--password-file'];
    const missing = await centre([...base, join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`error: --password-file: ${join(dir, 'nope')} does not exist\n`);
    const folder = await centre([...base, dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toMatch(new RegExp(`--password-file: .* is a folder, expected a file holding the password`));
    expect(existsSync(join(dir, 'new.db'))).toBe(false);
  });

  it('reads the input from stdin with -', async () => {
    const r = await centre(['--db', db, 'call', 'register.search', '-', '--as', 'insp'], '{"presence":"present"}');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ rows: [], more: false });
  });

  it('reports invalid input with exit 1 and the field, printing nothing on stdout', async () => {
    const input = JSON.stringify(personInput({ birthDate: '1990-13-45' }));
    const r = await centre(['--db', db, 'call', 'persons.register', input, '--as', 'head']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*birthDate/);
  });

  it('reports a refused call (an inspector registering a person) with exit 1', async () => {
    const r = await centre(['--db', db, 'call', 'persons.register', JSON.stringify(personInput()), '--as', 'insp']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*inspector may not/);
  });

  it('reports an unknown account with exit 1', async () => {
    const r = await centre(['--db', db, 'call', 'accounts.me', '--as', 'nobody']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nobody/);
  });

  it('answers usage errors with exit 2 and a pointer to help', async () => {
    const cases: [string[], RegExp][] = [
      [['--db', db, 'frobnicate'], /unknown command "frobnicate"/],
      [['--db', db, 'call', 'accounts.me', '{not json', '--as', 'head'], /not valid JSON/],
      [['--db', db, 'call', 'accounts.me'], /--as/],
      [['--db', db, 'call', 'no.such', '--as', 'head'], /unknown method "no.such"/],
      [['--db', db, 'methods', '--verbose'], /unknown flag --verbose/],
      [['--db', db, 'seed', '--persons', 'many'], /--persons/],
      [['--db', db, '--clock', 'tomorrow', 'findings'], /--clock/],
    ];
    for (const [argv, message] of cases) {
      const r = await centre(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/centre help/);
    }
  });

  it('says so when the database does not exist, rather than creating one', async () => {
    const missing = join(dir, 'missing.db');
    for (const argv of [['call', 'centre.get'], ['findings'], ['journal', 'verify']]) {
      const r = await centre(['--db', missing, ...argv]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/no database at/);
    }
  });

  it('names the --db file and says what is wrong with it', async () => {
    const notSqlite = join(dir, 'notes.db');
    writeFileSync(notSqlite, 'hello, not a database\n');
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const cases: [string[], string][] = [
      [['--db', notSqlite, 'findings'], `${notSqlite} is not a Centre Register database (not an SQLite file)`],
      [['--db', notSqlite, 'journal', 'verify'], `${notSqlite} is not a Centre Register database (not an SQLite file)`],
      [['--db', notSqlite, 'init'], `${notSqlite} is not a Centre Register database (not an SQLite file)`],
      [['--db', folder, 'findings'], `${folder} is a folder, expected a database file`],
      [['--db', folder, 'init'], `${folder} is a folder, expected a database file`],
      [['--db', join(dir, 'no', 'x.db'), 'init'], `${join(dir, 'no', 'x.db')}: the folder ${join(dir, 'no')} does not exist`],
      [['--db', join(notSqlite, 'x.db'), 'init'], `${join(notSqlite, 'x.db')}: ${notSqlite} is a file, not a folder`],
    ];
    for (const [argv, message] of cases) {
      const r = await centre(argv);
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.stderr, argv.join(' ')).toBe(`error: ${message}\n`);
    }
  });

  it('refuses a database written by a newer version', async () => {
    const raw = new Database(db);
    raw.pragma('user_version = 999');
    raw.close();
    const r = await centre(['--db', db, 'call', 'centre.get']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/newer version/);
  });
});

describe('centre methods, help', () => {
  it('lists every method of the contract with a JSON Schema of its input', async () => {
    const r = await centre(['methods']);
    expect(r.code).toBe(0);
    const list = r.json<{ name: string; kind: string; roles: string[]; summary: string; input: { type?: string } }[]>();
    expect(list.map((m) => m.name)).toEqual(METHOD_NAMES);
    for (const m of list) {
      expect(m.summary.length).toBeGreaterThan(0);
      expect(m.input.type).toBe('object');
    }
    expect(list.find((m) => m.name === 'persons.register')).toMatchObject({ kind: 'write', roles: ['head_of_centre', 'registrar'] });
  });

  it('prints usage', async () => {
    const r = await centre(['help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage: centre/);
    expect((await centre(['--help'])).stdout).toBe(r.stdout);
  });
});

describe('centre findings and --clock', () => {
  it('shows stay.exceeded once the clock passes a 24 h deadline, and not before', async () => {
    const at = ['--db', db, '--clock', T0];
    const person = await centre([...at, 'call', 'persons.register', JSON.stringify(personInput()), '--as', 'head']);
    expect(person.stderr).toBe('');
    const personId = person.json<{ id: string }>().id;
    const admit = await centre([
      ...at, 'call', 'placements.admit',
      JSON.stringify({ personId, kind: 'forced', order: serviceOrder(T0), admission: admissionRecord(true) }),
      '--as', 'head',
    ]);
    expect(admit.stderr).toBe('');
    expect(admit.json()).toMatchObject({ deadline: addHours(T0, 24) });

    const before = await centre(['--db', db, 'findings', '--json', '--clock', addHours(T0, 23)]);
    expect(before.code).toBe(0);
    const early = before.json<FindingsResult>();
    expect(early.at).toBe(addHours(T0, 23));
    expect(early.findings.map((f) => f.code)).not.toContain('stay.exceeded');

    const after = await centre(['--db', db, 'findings', '--json', '--clock', addHours(T0, 25)]);
    const late = after.json<FindingsResult>();
    expect(late.findings.map((f) => f.code)).toContain('stay.exceeded');

    const table = await centre(['--db', db, 'findings', '--clock', addHours(T0, 25)]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^SEVERITY\s+CODE\s+FROM\s+TO\s+PERSONS\s+PLACEMENTS\s+MESSAGE/);
    expect(table.stdout).toMatch(/critical\s+stay\.exceeded\s+2026-03-03T08:00:00\.000Z\s+ongoing/);
    expect(table.stdout).toMatch(/held past the deadline/);
    expect(table.stdout).toMatch(/\d+ findings? at 2026-03-03T09:00:00\.000Z: \d+ critical/);

    const history = await centre(['--db', db, 'findings', '--json', '--history', '--clock', addHours(T0, 25)]);
    expect(history.json<FindingsResult>().mode).toBe('history');
  });

  it('needs a head of centre or an inspector to read as', async () => {
    const fresh = join(dir, 'fresh.db');
    await centre(['--db', fresh, 'init']);
    const r = await centre(['--db', fresh, 'findings']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/head of centre or an inspector/);
  });
});

describe('centre seed', () => {
  it('seeds a span of a few weeks, and refuses a second seed', async () => {
    const fresh = join(dir, 'short.db');
    const r = await centre(['--db', fresh, 'seed', '--persons', '1', '--years', '0.05']);
    expect(r.stderr).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const again = await centre(['--db', fresh, 'seed', '--persons', '1', '--years', '0.05']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already set up/);
  }, 30_000);

  it('refuses a span over the limit as a usage error, leaving no file behind', async () => {
    const r = await centre(['--db', join(dir, 'seed.db'), 'seed', '--persons', '1', '--years', '60']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--years is at most 50, not 60/);
    expect(readdirSync(dir).filter((f) => f.startsWith('seed.db'))).toEqual([]);
  });
});

describe('centre journal verify', () => {
  it('exits 0 on an intact chain and 1 naming the first entry that was changed', async () => {
    const ok = await centre(['--db', db, 'journal', 'verify']);
    expect(ok.code).toBe(0);
    const head = /^journal intact: (\d+) entries, head seq (\d+) hash [0-9a-f]{64}\n$/.exec(ok.stdout);
    expect(head, ok.stdout).not.toBeNull();
    expect(head![1]).toBe(head![2]);

    // The inspector's account, created last: rename them behind the journal's back.
    const seq = Number(head![2]);
    const raw = new Database(db);
    raw.exec('DROP TRIGGER journal_no_update');
    const changed = raw.prepare("UPDATE journal SET payload = replace(payload, 'Inspector', 'Someone else') WHERE seq = ?").run(seq);
    raw.close();
    expect(changed.changes).toBe(1);

    const bad = await centre(['--db', db, 'journal', 'verify']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(new RegExp(`^journal broken at seq ${seq}: hash_mismatch`));
  });
});

describe('bin/centre.js', () => {
  it('runs as a real process from any working directory', () => {
    const bin = fileURLToPath(new URL('../../bin/centre.js', import.meta.url));
    const fresh = join(dir, 'spawned.db');
    const env = { ...process.env, CENTRE_DB: fresh };
    const init = spawnSync(process.execPath, [bin, 'init'], { cwd: dir, env, encoding: 'utf8', timeout: 10_000 });
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    const methods = spawnSync(process.execPath, [bin, '--db', fresh, 'methods'], { cwd: tmpdir(), encoding: 'utf8', timeout: 10_000 });
    expect(methods.status).toBe(0);
    expect(JSON.parse(methods.stdout).map((m: { name: string }) => m.name)).toEqual(METHOD_NAMES);
    const usage = spawnSync(process.execPath, [bin, 'nonsense'], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
    expect(usage.status).toBe(2);
  }, 20_000);
});
