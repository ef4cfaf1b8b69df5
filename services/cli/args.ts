// The command line, parsed: global flags (--db, --clock, anywhere on the line), one command, and that
// command's flags and arguments, turned into a typed Command. Anything malformed is a UsageError,
// which main reports with exit code 2 and a pointer to `centre help`.

import { isInstant, normaliseInstant, type Instant } from '../../domain/time.ts';
import { SEED_MAX_PERSONS, SEED_MAX_YEARS } from '../../domain/api/seed-limits.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CentreOptions {
  name: string;
  timeZone: string;
  profileId: string | null;
  head: string;
  headName: string | null;
  passwordFile: string;
}

export type Command =
  | { name: 'init'; centre: CentreOptions | null }
  | { name: 'seed'; persons: number; years: number; rngSeed: number }
  | { name: 'call'; method: string; json: string | null; as: string | null }
  | { name: 'methods' }
  | { name: 'findings'; json: boolean; history: boolean }
  | { name: 'journal.verify' }
  | { name: 'docs' }
  | { name: 'export'; out: string; passphraseFile: string | null; since: number | null; hq: boolean; as: string | null }
  | { name: 'verify'; bundle: string; passphraseFile: string | null; checkpoint: string | null; saveCheckpoint: string | null; json: boolean; findings: boolean }
  | { name: 'viewer'; out: string }
  | { name: 'web'; dataDir: string | null; port: number; clockFile: string | null; staticDir: string | null; hq?: true; as?: string }
  | HqCommand
  | { name: 'help' };

/** `centre hq …`: HQ mode (its own database, --db) and, for `hq acknowledge`, the centre's side. */
export type HqCommand =
  | { name: 'hq.import'; bundles: string[]; passphraseFile: string | null; receipts: string | null; as: string | null; json: boolean }
  | { name: 'hq.report'; csv: string | null; json: boolean }
  | { name: 'hq.keys.register'; centreId: string; publicKey: string | null; fingerprint: string | null; note: string; as: string | null }
  | { name: 'hq.keys.list'; json: boolean }
  | { name: 'hq.acknowledge'; receipt: string; as: string | null };

export interface Invocation {
  db: string;
  clock: Instant | null;
  command: Command;
}

type FlagKind = 'value' | 'switch';

interface CommandSyntax {
  flags: Record<string, FlagKind>;
  /** Names of the positional arguments, for messages; `?` marks an optional one. */
  args: string[];
}

const GLOBAL_FLAGS: Record<string, FlagKind> = { db: 'value', clock: 'value' };

const SYNTAX: Record<string, CommandSyntax> = {
  init: {
    flags: {
      name: 'value',
      'time-zone': 'value',
      profile: 'value',
      head: 'value',
      'head-name': 'value',
      'password-file': 'value',
    },
    args: [],
  },
  seed: { flags: { persons: 'value', years: 'value', 'rng-seed': 'value' }, args: [] },
  call: { flags: { as: 'value' }, args: ['method', 'json?'] },
  methods: { flags: {}, args: [] },
  findings: { flags: { json: 'switch', history: 'switch' }, args: [] },
  journal: { flags: {}, args: ['subcommand'] },
  docs: { flags: {}, args: [] },
  export: { flags: { out: 'value', 'passphrase-file': 'value', since: 'value', hq: 'switch', as: 'value' }, args: [] },
  verify: { flags: { 'passphrase-file': 'value', checkpoint: 'value', 'save-checkpoint': 'value', json: 'switch', findings: 'switch' }, args: ['bundle'] },
  viewer: { flags: { out: 'value' }, args: [] },
  web: { flags: { 'data-dir': 'value', port: 'value', 'clock-file': 'value', 'static-dir': 'value', hq: 'switch', as: 'value' }, args: [] },
  hq: {
    flags: {
      'passphrase-file': 'value',
      receipts: 'value',
      receipt: 'value',
      as: 'value',
      json: 'switch',
      csv: 'value',
      'centre-id': 'value',
      'public-key': 'value',
      fingerprint: 'value',
      note: 'value',
    },
    args: ['subcommand', 'arguments...'],
  },
  help: { flags: {}, args: ['command?'] },
};

export const COMMAND_NAMES = Object.keys(SYNTAX);

interface Tokens {
  command: string | null;
  flags: Map<string, string | true>;
  args: string[];
}

function tokenise(argv: readonly string[]): Tokens {
  const tokens: Tokens = { command: null, flags: new Map(), args: [] };
  let onlyArgs = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (onlyArgs || token === '-' || !token.startsWith('-')) {
      if (tokens.command === null) tokens.command = token;
      else tokens.args.push(token);
      continue;
    }
    if (token === '--') {
      onlyArgs = true;
      continue;
    }
    if (token === '-h' || token === '--help') {
      tokens.flags.set('help', true);
      continue;
    }
    if (!token.startsWith('--')) throw new UsageError(`unknown flag ${token}`);
    const eq = token.indexOf('=');
    const name = eq === -1 ? token.slice(2) : token.slice(2, eq);
    const syntax = tokens.command === null ? undefined : SYNTAX[tokens.command];
    const kind = GLOBAL_FLAGS[name] ?? syntax?.flags[name] ?? anyCommandFlag(name);
    if (!kind) throw new UsageError(`unknown flag --${name}`);
    if (tokens.flags.has(name)) throw new UsageError(`--${name} given twice`);
    if (kind === 'switch') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      tokens.flags.set(name, true);
    } else if (eq !== -1) {
      tokens.flags.set(name, token.slice(eq + 1));
    } else {
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) throw new UsageError(`--${name} needs a value`);
      tokens.flags.set(name, value);
      i++;
    }
  }
  return tokens;
}

/** A command's flag seen before the command itself: its kind, checked again once the command is known. */
function anyCommandFlag(name: string): FlagKind | undefined {
  for (const syntax of Object.values(SYNTAX)) {
    const kind = syntax.flags[name];
    if (kind) return kind;
  }
  return undefined;
}

function positiveInteger(flag: string, text: string | undefined, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new UsageError(`--${flag} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${flag} expects a positive whole number, not "${text}"`);
  }
  return Number(text);
}

function nonNegativeInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${flag} expects a whole number, not "${text}"`);
  }
  return Number(text);
}

function positiveNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) throw new UsageError(`--${flag} expects a positive number, not "${text}"`);
  return n;
}

function atMost(flag: string, n: number, max: number): number {
  if (n > max) throw new UsageError(`--${flag} is at most ${max}, not ${n}`);
  return n;
}

function port(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`--port expects a port number from 0 to 65535 (0: any free port), not "${text}"`);
  return Number(text);
}

function nonEmpty(flag: string, text: string | undefined): string | null {
  if (text === '') throw new UsageError(`--${flag} needs a path`);
  return text ?? null;
}

function required(flag: string, text: string | undefined): string {
  if (text === undefined || text === '') throw new UsageError(`--${flag} is required`);
  return text;
}

function centreOptions(get: (flag: string) => string | undefined): CentreOptions | null {
  const given = ['name', 'time-zone', 'profile', 'head', 'head-name', 'password-file'].filter((f) => get(f) !== undefined);
  if (given.length === 0) return null;
  const missing = ['name', 'time-zone', 'head', 'password-file'].filter((f) => get(f) === undefined);
  if (missing.length) {
    throw new UsageError(`init with --${given[0]} also needs ${missing.map((f) => `--${f}`).join(', ')}`);
  }
  return {
    name: get('name')!,
    timeZone: get('time-zone')!,
    profileId: get('profile') ?? null,
    head: get('head')!,
    headName: get('head-name') ?? null,
    passwordFile: get('password-file')!,
  };
}

/** Parses argv (without node and the script) into an Invocation, or throws UsageError. */
export function parseArgs(argv: readonly string[], env: Record<string, string | undefined> = {}): Invocation {
  const tokens = tokenise(argv);
  const db = (tokens.flags.get('db') as string | undefined) ?? env['CENTRE_DB'] ?? './centre.db';
  if (db === '') throw new UsageError('--db needs a path');
  const clockText = tokens.flags.get('clock') as string | undefined;
  let clock: Instant | null = null;
  if (clockText !== undefined) {
    if (!isInstant(clockText)) {
      throw new UsageError(`--clock expects an ISO-8601 instant with a zone, e.g. 2026-03-01T08:00:00Z, not "${clockText}"`);
    }
    clock = normaliseInstant(clockText);
  }
  const wantsHelp = tokens.flags.has('help');
  if (tokens.command === null) {
    if (wantsHelp) return { db, clock, command: { name: 'help' } };
    throw new UsageError('no command given');
  }
  const name = tokens.command;
  const syntax = SYNTAX[name];
  if (!syntax) throw new UsageError(`unknown command "${name}"`);
  if (wantsHelp) return { db, clock, command: { name: 'help' } };
  for (const flag of tokens.flags.keys()) {
    if (!(flag in GLOBAL_FLAGS) && !(flag in syntax.flags)) throw new UsageError(`${name} does not take --${flag}`);
  }
  if (name === 'web' && tokens.flags.has('db') && !tokens.flags.has('hq')) throw new UsageError('web keeps its database in --data-dir (DIR/centre.db), not --db (only web --hq takes --db: HQ\'s database)');
  if (name === 'web' && tokens.flags.has('hq') && tokens.flags.has('data-dir')) throw new UsageError('web --hq opens HQ\'s database given with --db, not --data-dir');
  if (name === 'web' && tokens.flags.has('as') && !tokens.flags.has('hq')) throw new UsageError('web --as names who works at HQ: it goes with --hq (at a centre, everyone signs in)');
  if (name === 'web' && tokens.flags.has('clock') && tokens.flags.has('clock-file')) throw new UsageError('give --clock or --clock-file, not both');
  const required = syntax.args.filter((a) => !a.endsWith('?') && !a.endsWith('...'));
  if (tokens.args.length < required.length) {
    throw new UsageError(`${name} needs ${required.slice(tokens.args.length).map((a) => `<${a}>`).join(' ')}`);
  }
  if (tokens.args.length > syntax.args.length && !syntax.args.at(-1)?.endsWith('...')) {
    throw new UsageError(`${name}: unexpected argument "${tokens.args[syntax.args.length]}"`);
  }
  const get = (flag: string) => tokens.flags.get(flag) as string | undefined;
  const has = (flag: string) => tokens.flags.get(flag) === true;
  const command = toCommand(name, tokens.args, get, has);
  // HQ's database is never the default ./centre.db (nor $CENTRE_DB): it is named each time.
  const hqMode = (command.name === 'web' && command.hq) || (command.name.startsWith('hq.') && command.name !== 'hq.acknowledge');
  if (hqMode && !tokens.flags.has('db')) throw new UsageError(`${name === 'web' ? 'web --hq' : `hq ${tokens.args[0]}`} needs --db HQDB: HQ's own database (created if missing)`);
  return { db, clock, command };
}

function toCommand(
  name: string,
  args: string[],
  get: (flag: string) => string | undefined,
  has: (flag: string) => boolean,
): Command {
  switch (name) {
    case 'init':
      return { name, centre: centreOptions(get) };
    case 'seed':
      return {
        name,
        persons: atMost('persons', positiveInteger('persons', get('persons')), SEED_MAX_PERSONS),
        years: atMost('years', positiveNumber('years', get('years'), 10), SEED_MAX_YEARS),
        rngSeed: nonNegativeInteger('rng-seed', get('rng-seed'), 1),
      };
    case 'call':
      return { name, method: args[0]!, json: args[1] ?? null, as: get('as') ?? null };
    case 'findings':
      return { name, json: has('json'), history: has('history') };
    case 'web':
      return {
        name,
        dataDir: nonEmpty('data-dir', get('data-dir')),
        port: port(get('port')),
        clockFile: nonEmpty('clock-file', get('clock-file')),
        staticDir: nonEmpty('static-dir', get('static-dir')),
        ...(has('hq') ? { hq: true as const } : {}),
        ...(get('as') !== undefined ? { as: get('as')! } : {}),
      };
    case 'export': {
      const since = get('since');
      // --since only says where an HQ slice starts; taken alone as a request for one, it would make a
      // slice nobody asked for where an inspection bundle was meant.
      if (since !== undefined && !has('hq')) {
        throw new UsageError('export --since SEQ goes with --hq: it says where an HQ slice starts (an inspection bundle holds the whole journal)');
      }
      return {
        name,
        out: required('out', get('out')),
        passphraseFile: get('passphrase-file') ?? null,
        since: since === undefined ? null : nonNegativeInteger('since', since, 0),
        hq: has('hq'),
        as: get('as') ?? null,
      };
    }
    case 'hq':
      return hqCommand(args, get, has);
    case 'verify':
      return {
        name,
        bundle: args[0]!,
        passphraseFile: get('passphrase-file') ?? null,
        checkpoint: get('checkpoint') ?? null,
        saveCheckpoint: get('save-checkpoint') ?? null,
        json: has('json'),
        findings: has('findings'),
      };
    case 'viewer':
      return { name, out: required('out', get('out')) };
    case 'journal':
      if (args[0] !== 'verify') throw new UsageError(`unknown journal subcommand "${args[0]}" (expected: journal verify)`);
      return { name: 'journal.verify' };
    case 'methods':
    case 'docs':
    case 'help':
      return { name };
    default:
      throw new UsageError(`unknown command "${name}"`);
  }
}

/** Flags each `hq` subcommand takes (the hq command accepts the union; each checks its own). */
const HQ_FLAGS: Record<string, string[]> = {
  import: ['passphrase-file', 'receipts', 'as', 'json'],
  report: ['csv', 'json'],
  'keys register': ['centre-id', 'public-key', 'fingerprint', 'note', 'as'],
  'keys list': ['json'],
  acknowledge: ['receipt', 'as'],
};

function hqCommand(args: string[], get: (flag: string) => string | undefined, has: (flag: string) => boolean): HqCommand {
  const [sub, ...rest] = args;
  const keys = sub === 'keys';
  const which = keys ? `keys ${rest[0] ?? ''}`.trim() : (sub ?? '');
  const allowed = HQ_FLAGS[which];
  if (!allowed) {
    throw new UsageError(`unknown hq subcommand "${which}" (expected: hq import, hq report, hq keys register, hq keys list, hq acknowledge)`);
  }
  const all = ['passphrase-file', 'receipts', 'receipt', 'as', 'json', 'csv', 'centre-id', 'public-key', 'fingerprint', 'note'];
  for (const flag of all) {
    if ((get(flag) !== undefined || has(flag)) && !allowed.includes(flag)) throw new UsageError(`hq ${which} does not take --${flag}`);
  }
  const positional = keys ? rest.slice(1) : rest;
  if (which !== 'import' && positional.length) throw new UsageError(`hq ${which}: unexpected argument "${positional[0]}"`);
  switch (which) {
    case 'import':
      if (positional.length === 0) throw new UsageError('hq import needs at least one <bundle> (its folder, open-me.html or bundle.json)');
      return { name: 'hq.import', bundles: positional, passphraseFile: get('passphrase-file') ?? null, receipts: nonEmpty('receipts', get('receipts')), as: get('as') ?? null, json: has('json') };
    case 'report':
      return { name: 'hq.report', csv: nonEmpty('csv', get('csv')), json: has('json') };
    case 'keys register': {
      const publicKey = get('public-key') ?? null;
      const fingerprint = get('fingerprint') ?? null;
      if ((publicKey === null) === (fingerprint === null)) throw new UsageError('hq keys register needs --public-key B64 or --fingerprint HEX (one of them)');
      return { name: 'hq.keys.register', centreId: required('centre-id', get('centre-id')), publicKey, fingerprint, note: get('note') ?? '', as: get('as') ?? null };
    }
    case 'keys list':
      return { name: 'hq.keys.list', json: has('json') };
    default:
      return { name: 'hq.acknowledge', receipt: required('receipt', get('receipt')), as: get('as') ?? null };
  }
}

export const USAGE = `Centre Register: command line

usage: centre [--db PATH] [--clock ISO-8601] <command>

  init [--name NAME --time-zone ZONE --profile ID --head USERNAME --head-name NAME --password-file F]
                            create or migrate the database; with the centre options, also set up the
                            centre and its first head-of-centre account (password read from the file)
  seed --persons N [--years Y] [--rng-seed S]
                            fill the database with a synthetic register (default 10 years, seed 1)
  call <method> [JSON|-] --as USER
                            call any API method as an account, print the JSON result
                            (JSON from the argument, or from stdin with -; default {})
  methods                   list every API method with its input schema as JSON
  findings [--json] [--history]
                            findings at the clock's instant (--history: the full audit)
  journal verify            exit 0 if the chain is intact; exit 1 naming the first bad seq
  docs                      print the API reference (Markdown) generated from the contract
  export --out DIR [--passphrase-file F] [--hq [--since SEQ]] [--as USER]
                            write an inspection bundle (the whole register, nothing left out) to the
                            new folder DIR; with --hq, an HQ slice of the entries after the last one HQ
                            acknowledged (with --since, after SEQ), without medical details.
                            --as: the exporting account (head of centre, registrar or inspector;
                            default the first head of centre)
  verify BUNDLE [--passphrase-file F] [--checkpoint FILE] [--save-checkpoint FILE] [--findings] [--json]
                            check a bundle (its folder, its open-me.html, or its bundle.json) as the
                            viewer does: signature, data, the whole hash chain, the register tables,
                            the medical notes; with --checkpoint, that history since was not rewritten;
                            with --findings, that its findings are those its journal gives (computed
                            again at the export's instant: slow for long histories; whole journals only).
                            Exit 0 intact, 1 naming the failed check (and the first bad seq)
  viewer --out FILE         write the bare offline viewer and print its SHA-256 (inspectors keep their
                            own trusted copy and open bundles with it)
  web [--data-dir DIR] [--port N] [--clock-file F] [--static-dir DIR]
                            browser mode: serve the UI and the API on 127.0.0.1 and print one line
                            "Open: <address>" to open in a browser; runs until Ctrl+C (SIGINT/SIGTERM).
                            --data-dir: where centre.db lives (default: $CENTRE_DATA_DIR, else the
                              user data folder: ~/.local/share/centre-register, %APPDATA%\\centre-register);
                            --port: default 0, any free port;
                            --clock-file: for tests and demonstrations only: the service's time is the
                              ISO-8601 instant written in F, re-read when F changes (system time while
                              F is absent);
                            --static-dir: serve the UI from DIR instead of dist/renderer (development)
  hq acknowledge --receipt FILE [--as USER]
                            at the centre: record HQ's receipt (the last entry HQ holds), so that the
                            next HQ slice starts after it (the head of centre; default the first one)

HQ mode (--db is HQ's own database, created if missing):
  hq import --passphrase-file F BUNDLE… [--receipts DIR] [--as NAME] [--json]
                            import centres' HQ slices, each verified in full; per slice: imported N
                            entries, already held, or refused with the reason (exit 1 if any refused).
                            Slices in any order: imported centre by centre, each from its earliest entry.
                            --receipts: write HQ's receipt for each centre into DIR
  hq report [--csv DIR] [--json]
                            national figures, each centre as of its last slice; --csv: one CSV file
                            per table into DIR
  hq keys register --centre-id ID (--public-key B64 | --fingerprint HEX) [--note TEXT] [--as NAME]
                            register a centre's key before its first slice
  hq keys list [--json]     centres, their pinned keys and what HQ holds
  web --hq --db HQDB [--port N] [--as NAME]
                            HQ mode in a browser: centres and their keys, import, national figures
                            (--as: who works at HQ's workstation, default the system user)

  help                      this text

global flags (before or after the command):
  --db PATH                 the database file (default: $CENTRE_DB, else ./centre.db)
  --clock ISO-8601          fix the clock at this instant, e.g. 2026-03-01T08:00:00Z

passphrases (export, verify): the first line of --passphrase-file F, else $CENTRE_PASSPHRASE; never
  an argument, which would be kept in the shell's history. At least 12 characters.

exit codes: 0 success; 1 refused or invalid call, broken journal, unusable database; 2 usage error
`;
