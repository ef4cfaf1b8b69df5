import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiReferenceMarkdown } from './docs.ts';

const API_MD = new URL('../../docs/api.md', import.meta.url);

describe('docs/api.md', () => {
  it('matches the API contract', () => {
    const expected = apiReferenceMarkdown();
    let actual = '';
    try {
      actual = readFileSync(API_MD, 'utf8');
    } catch {
      // missing: reported as stale below
    }
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      let line = 0;
      while (line < Math.max(a.length, e.length) && a[line] === e[line]) line++;
      expect.fail(
        `docs/api.md is stale: run npm run docs:api\n` +
          `first difference at line ${line + 1}:\n  file:      ${a[line] ?? '(end of file)'}\n  generated: ${e[line] ?? '(end of file)'}`,
      );
    }
  });

  it('is deterministic', () => {
    expect(apiReferenceMarkdown()).toBe(apiReferenceMarkdown());
  });
});
