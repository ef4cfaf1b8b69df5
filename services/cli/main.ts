// The `centre` command line: parse, run one command, map the outcome to an exit code.
//   0 success; 1 refused or invalid call, broken journal, unusable database; 2 usage error.
// bin/centre.js loads this under tsx; `tsx services/cli/main.ts …` runs it directly too.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatabaseTooNewError } from '../../db/connection.ts';
import { NotAnHqDatabaseError } from '../../db/hq/connection.ts';
import { ApiError } from '../errors.ts';
import { parseArgs, USAGE, UsageError, type Invocation } from './args.ts';
import { call } from './commands/call.ts';
import { docs, methods } from './commands/describe.ts';
import { findings } from './commands/findings.ts';
import { init } from './commands/init.ts';
import { exportCommand, verifyCommand, viewerCommand } from './commands/bundle.ts';
import { hqCommand } from './commands/hq.ts';
import { journalVerify } from './commands/journal.ts';
import { CliError } from './commands/open.ts';
import { seed } from './commands/seed.ts';
import { web } from './commands/web.ts';
import { ignoreBrokenPipe, type Io } from './io.ts';

export type { Io, Writer } from './io.ts';
export { ignoreBrokenPipe } from './io.ts';

async function run(inv: Invocation, io: Io): Promise<number> {
  const cmd = inv.command;
  switch (cmd.name) {
    case 'init':
      return init(inv, cmd.centre, io);
    case 'seed':
      return seed(inv, cmd, io);
    case 'call':
      return call(inv, cmd, io);
    case 'methods':
      return methods(io);
    case 'findings':
      return findings(inv, cmd, io);
    case 'journal.verify':
      return journalVerify(inv, io);
    case 'docs':
      return docs(io);
    case 'export':
      return exportCommand(inv, cmd, io);
    case 'verify':
      return verifyCommand(cmd, io);
    case 'viewer':
      return viewerCommand(cmd, io);
    case 'web':
      return web(inv, cmd, io);
    case 'hq.import':
    case 'hq.report':
    case 'hq.keys.register':
    case 'hq.keys.list':
    case 'hq.acknowledge':
      return hqCommand(inv, cmd, io);
    case 'help':
      io.stdout.write(USAGE);
      return 0;
  }
}

export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  try {
    const inv = parseArgs(argv, io.env ?? process.env);
    return await run(inv, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`centre: ${err.message}\nrun \`centre help\` for usage\n`);
      return 2;
    }
    if (err instanceof ApiError || err instanceof CliError || err instanceof DatabaseTooNewError || err instanceof NotAnHqDatabaseError) {
      io.stderr.write(`error: ${err.message}\n`);
      return 1;
    }
    io.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

function isEntryModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryModule()) {
  ignoreBrokenPipe();
  process.exitCode = await main(process.argv.slice(2));
}
