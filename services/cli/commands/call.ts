// `centre call <method> [JSON|-] --as USER`: any API method, as a named account (a trusted local
// caller), the result printed as JSON.

import { contract, isMethodName } from '../../../domain/api/contract.ts';
import { UsageError, type Invocation } from '../args.ts';
import { printJson, readAll, type Io } from '../io.ts';
import { openExisting, serviceFor, withDb } from './open.ts';

function parseJson(text: string, from: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the input ${from} is not valid JSON: ${(err as Error).message}`);
  }
}

export async function call(
  inv: Invocation,
  cmd: { method: string; json: string | null; as: string | null },
  io: Io,
): Promise<number> {
  if (!isMethodName(cmd.method)) throw new UsageError(`unknown method "${cmd.method}" (centre methods lists them)`);
  const spec = contract[cmd.method];
  if (spec.kind !== 'session' && cmd.as === null) {
    throw new UsageError(`${cmd.method} needs an account: add --as USERNAME`);
  }
  let input: unknown = {};
  if (cmd.json === '-') {
    const text = await readAll(io.stdin);
    input = text.trim() === '' ? {} : parseJson(text, 'on stdin');
  } else if (cmd.json !== null) {
    input = parseJson(cmd.json, 'argument');
  }
  return withDb(openExisting(inv), (db) => {
    const result = serviceFor(inv, db).call(cmd.method, input, cmd.as === null ? null : { username: cmd.as });
    printJson(io.stdout, result);
    return 0;
  });
}
