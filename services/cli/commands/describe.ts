// `centre methods` and `centre docs`: the contract, as JSON or as Markdown. No database needed.

import { apiReferenceMarkdown, methodInfos } from '../docs.ts';
import { printJson, type Io } from '../io.ts';

export function methods(io: Io): number {
  printJson(io.stdout, methodInfos());
  return 0;
}

export function docs(io: Io): number {
  io.stdout.write(apiReferenceMarkdown());
  return 0;
}
