// What the viewer's code may never do, checked in its source: insert markup (bundle data is hostile
// input), run text as code, store anything in the browser (the interviewee list must stay in memory),
// or talk to a network (the CSP forbids it too; this keeps the code from even trying).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = import.meta.dirname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) && name !== 'build.ts' ? [path] : [];
  });
}

const FORBIDDEN: [string, RegExp][] = [
  ['markup', /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/],
  ['code from text', /\beval\(|new Function\(|setTimeout\(\s*['"`]/],
  ['storage', /localStorage|sessionStorage|indexedDB|document\.cookie|caches\./],
  ['network', /\bfetch\(|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts/],
];

describe('the viewer’s source', () => {
  const files = sources(ROOT);

  it('is found', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(expect.arrayContaining(['main.ts', 'web/app.ts', 'web/dom.ts', 'web/worker.ts', 'model/follow-up.ts']));
  });

  for (const [what, pattern] of FORBIDDEN) {
    it(`never uses ${what}`, () => {
      const hits = files.flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line: line.replace(/\/\/.*$/, ''), at: `${relative(ROOT, f)}:${i + 1}` }))
          .filter(({ line }) => pattern.test(line))
          .map(({ at, line }) => `${at}: ${line.trim()}`),
      );
      expect(hits).toEqual([]);
    });
  }
});
