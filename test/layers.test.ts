// The layering of DESIGN.md §6, checked on every test run: what may import what.
//   domain/   imports nothing of ours outside domain/, and no Node or DOM API;
//   db/       imports domain/ only (and its own files);
//   renderer/ never imports db/, services/ or electron/.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  let entries: string[] = [];
  try {
    entries = readdirSync(join(ROOT, dir));
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) found.push(m[1]!);
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** The top-level folder an import lands in, or the package name for a bare import. */
function target(file: string, spec: string): { folder: string } | { pkg: string } {
  if (!spec.startsWith('.')) return { pkg: spec };
  const abs = relative(ROOT, resolve(ROOT, dirname(file), spec));
  return { folder: abs.split(/[\\/]/)[0]! };
}

const NODE_BUILTINS = /^(node:|fs$|path$|os$|crypto$|child_process$|worker_threads$|url$|buffer$|stream$)/;

function violations(folder: string, allowedFolders: string[], allowPkg: (pkg: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sources(folder)) {
    for (const spec of imports(file)) {
      const t = target(file, spec);
      if ('folder' in t && !allowedFolders.includes(t.folder)) bad.push(`${file} imports ${spec}`);
      if ('pkg' in t && !allowPkg(t.pkg)) bad.push(`${file} imports ${spec}`);
    }
  }
  return bad;
}

describe('layers', () => {
  it('domain/ imports only domain/ and zod: no Node, no DOM, no database', () => {
    expect(violations('domain', ['domain'], (pkg) => pkg === 'zod')).toEqual([]);
    // Node and browser globals are kept out by domain/tsconfig.json (types: [], lib without DOM);
    // these names would still compile through `globalThis`, so look for them too.
    const globals = /\b(process\.[a-z]|Buffer\.[a-z]|require\(|window\.[a-z]|document\.[a-z]|localStorage\b)/;
    const hits = sources('domain').filter((f) => globals.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(hits).toEqual([]);
  });

  it('db/ imports only db/ and domain/', () => {
    expect(violations('db', ['db', 'domain'], (pkg) => !NODE_BUILTINS.test(pkg) || pkg.startsWith('node:'))).toEqual([]);
  });

  it('renderer/ never imports db/, services/ or electron/, nor Node', () => {
    expect(violations('renderer', ['renderer', 'domain'], (pkg) => !NODE_BUILTINS.test(pkg) && pkg !== 'better-sqlite3')).toEqual([]);
  });

  it('bundle/format imports only bundle/format, domain/ and pure packages: it runs in Node and in the viewer', () => {
    const bad: string[] = [];
    for (const file of sources('bundle/format')) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) {
          if (!['fflate', 'zod'].includes(spec)) bad.push(`${file} imports ${spec}`);
          continue;
        }
        const path = relative(ROOT, resolve(ROOT, dirname(file), spec)).split(/[\\/]/).join('/');
        if (!path.startsWith('bundle/format/') && !path.startsWith('domain/')) bad.push(`${file} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
    const globals = /\b(process\.[a-z]|Buffer\.[a-z]|require\(|window\.[a-z]|document\.[a-z]|localStorage\b|setTimeout\()/;
    expect(sources('bundle/format').filter((f) => globals.test(readFileSync(join(ROOT, f), 'utf8')))).toEqual([]);
  });

  it('the viewer’s browser code (bundle/viewer, but build.ts) imports no Node and nothing of the app but bundle/format and domain/', () => {
    const bad: string[] = [];
    for (const file of sources('bundle/viewer').filter((f) => !f.endsWith('build.ts'))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) {
          if (!['fflate', 'zod'].includes(spec)) bad.push(`${file} imports ${spec}`);
          continue;
        }
        const path = relative(ROOT, resolve(ROOT, dirname(file), spec)).split(/[\\/]/).join('/');
        if (!['bundle/format/', 'bundle/viewer/', 'domain/'].some((p) => path.startsWith(p))) bad.push(`${file} imports ${spec}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the checker itself sees imports', () => {
    expect(imports('services/service.ts')).toContain('../domain/api/contract.ts');
    expect(target('db/sql.ts', './schema.ts')).toEqual({ folder: 'db' });
  });
});
