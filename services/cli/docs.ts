// The API described from the contract itself: `centre methods` (JSON) and `centre docs` (Markdown,
// kept in docs/api.md; a test fails when that file no longer matches the contract).

import { z } from 'zod';
import { contract, METHOD_NAMES, type MethodName } from '../../domain/api/contract.ts';
import type { MethodInfo } from '../../domain/api/outputs.ts';
import { ROLES } from '../../domain/roles.ts';

/** The JSON Schema of what a caller sends (before transforms); refinements it cannot express are left out. */
export function inputJsonSchema(method: MethodName): unknown {
  return z.toJSONSchema(contract[method].input, { io: 'input', unrepresentable: 'any' });
}

export function methodInfos(): MethodInfo[] {
  return METHOD_NAMES.map((name) => {
    const spec = contract[name];
    return { name, kind: spec.kind, roles: [...spec.roles], summary: spec.summary, input: inputJsonSchema(name) };
  });
}

function groups(): Map<string, MethodInfo[]> {
  const byGroup = new Map<string, MethodInfo[]>();
  for (const info of methodInfos()) {
    const group = info.name.slice(0, info.name.indexOf('.'));
    const list = byGroup.get(group) ?? [];
    list.push(info);
    byGroup.set(group, list);
  }
  return byGroup;
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

const INTRO = `Every method below is one entry of the API contract (\`domain/api/contract.ts\`): a name, a kind,
the roles that may call it, and a zod schema for its input. The same contract is served by every
transport, and every input is parsed with the method's schema at the boundary:

- **Electron IPC**: the renderer calls \`window.centre\` with a method name and an input object, on the
  session of the signed-in account.
- **Loopback HTTP**: the same calls over HTTP on a random loopback port, with a per-launch token, for
  running the UI in a plain browser and for end-to-end tests.
- **Command line**: \`centre call <method> [JSON|-] --as USERNAME\` calls a method as a named account
  (a trusted local caller); \`centre methods\` prints this list as JSON.

**Kinds.** \`read\` methods change nothing. \`write\` methods append entries to the hash-chained journal
and update the register in one transaction: a refused or failed call changes nothing. \`session\`
methods (first-run set-up, sign-in) need no account.

**Roles.** ${ROLES.map((r) => `\`${r}\``).join(', ')}. A method lists the roles that may call it; any
other role is refused with \`forbidden\`.

**Instants** are ISO-8601 strings with a zone (\`2026-03-01T08:00:00Z\`, \`2026-03-01T12:00:00+04:00\`);
they are stored and returned in UTC with milliseconds. The schemas below are the JSON Schema of the
*input* (before normalisation); checks that JSON Schema cannot express (valid instants, time zones,
calendar dates) are still made, and their messages say what is expected.

**Errors.** A refused or invalid call returns (IPC, HTTP) or prints (CLI, on stderr, exit code 1)
every reason at once:

\`\`\`json
{
  "error": {
    "kind": "invalid_input",
    "message": "familyName: required",
    "reasons": [{ "code": "input.invalid", "field": "familyName", "params": { "detail": "required" } }]
  }
}
\`\`\`

\`kind\` is one of \`unknown_method\`, \`invalid_input\`, \`unauthenticated\`, \`forbidden\`,
\`not_configured\`, \`not_found\`, \`refused\`. \`message\` is English, for logs; the UI translates each
reason's \`code\` with its \`params\` into the user's language, and shows it next to \`field\`.`;

/** The API reference in Markdown. Deterministic: the contract's order, no dates. */
export function apiReferenceMarkdown(): string {
  const out: string[] = [];
  out.push('# Centre Register API reference', '');
  out.push('<!-- Generated from domain/api/contract.ts by `npm run docs:api`. Do not edit by hand. -->', '');
  out.push(INTRO, '');
  const byGroup = groups();
  out.push('## Contents', '');
  for (const [group, infos] of byGroup) {
    out.push(`- [${group}](#${anchor(group)}): ${infos.map((i) => `[\`${i.name}\`](#${anchor(i.name)})`).join(', ')}`);
  }
  out.push('');
  for (const [group, infos] of byGroup) {
    out.push(`## ${group}`, '');
    for (const info of infos) {
      out.push(`### ${info.name}`, '');
      out.push(info.summary, '');
      out.push(`- **Kind:** ${info.kind}`);
      out.push(`- **Roles:** ${info.roles.length ? info.roles.map((r) => `\`${r}\``).join(', ') : 'none needed (no account)'}`);
      out.push('', '**Input:**', '', '```json', JSON.stringify(info.input, null, 2), '```', '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
