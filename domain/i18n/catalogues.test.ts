import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { FINDING_CODES } from '../findings/types.ts';
import { catalogues, describe as describeCode, describeReason, describeReasons, format, LANGUAGES } from './describe.ts';
import { en } from './en.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))].sort();
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      out.push(path);
    }
  }
  return out;
}

/** Every literal code passed to reason('…' or notFound('…', with the files that use it. */
function reasonCodesInSource(): Map<string, string[]> {
  const codes = new Map<string, string[]>();
  for (const top of ['domain', 'services', 'db']) {
    for (const file of sourceFiles(join(ROOT, top))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:reason|notFound)\(\s*['"`]([^'"`$]+)['"`]/g)) {
        const list = codes.get(m[1]!) ?? [];
        list.push(relative(ROOT, file));
        codes.set(m[1]!, list);
      }
    }
  }
  return codes;
}

const enKeys = Object.keys(en).sort();

describe('catalogues', () => {
  it('lists every catalogue under its language', () => {
    expect(Object.keys(catalogues).sort()).toEqual([...LANGUAGES].sort());
  });

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const catalogue = catalogues[lang];

      it('has exactly the keys of English', () => {
        const keys = Object.keys(catalogue);
        expect(enKeys.filter((k) => !(k in catalogue)), 'missing keys').toEqual([]);
        expect(keys.filter((k) => !(k in en)), 'extra keys').toEqual([]);
      });

      it('has no empty messages', () => {
        const empty = Object.entries(catalogue).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
        expect(empty.map(([k]) => k)).toEqual([]);
      });

      it('uses the same {placeholders} as English in every message', () => {
        const differing = enKeys
          .filter((k) => catalogue[k] !== undefined)
          .filter((k) => placeholders(catalogue[k]!).join(',') !== placeholders(en[k]!).join(','))
          .map((k) => ({ key: k, en: placeholders(en[k]!), [lang]: placeholders(catalogue[k]!) }));
        expect(differing).toEqual([]);
      });

      it('has no unbalanced braces', () => {
        const bad = Object.entries(catalogue).filter(([, v]) => v.replace(/\{\w+\}/g, '').match(/[{}]/));
        expect(bad.map(([k]) => k)).toEqual([]);
      });
    });
  }

  it('writes Azerbaijani in Latin script with its own letters, and Russian in Cyrillic', () => {
    const azText = Object.values(catalogues.az).join(' ');
    expect(azText).toMatch(/[əğıöüçş]/);
    expect(azText).not.toMatch(/[\u0400-\u04FF]/);
    const ruText = Object.values(catalogues.ru).join(' ');
    expect(ruText).toMatch(/[\u0400-\u04FF]/);
  });
});

describe('format', () => {
  it('replaces every occurrence of each parameter', () => {
    expect(format('{a} and {b}, again {a}', { a: 'x', b: 2 })).toBe('x and 2, again x');
  });

  it('writes numbers and booleans as text', () => {
    expect(format('{n} h, {flag}', { n: 1.5, flag: false })).toBe('1.5 h, false');
  });

  it('leaves a placeholder whose parameter is missing or null as it is', () => {
    expect(format('{a} {b} {c}', { a: 'x', b: null })).toBe('x {b} {c}');
    expect(format('no params: {a}')).toBe('no params: {a}');
  });

  it('does not re-read a parameter value as a placeholder', () => {
    expect(format('{a}', { a: '{b}', b: 'no' })).toBe('{b}');
  });
});

describe('describe', () => {
  it('formats the message of the requested language', () => {
    expect(describeCode('room.not_found', { id: 'R-1' }, 'en')).toBe('there is no room R-1');
    expect(describeCode('room.not_found', { id: 'R-1' }, 'az')).toBe(format(catalogues.az['room.not_found']!, { id: 'R-1' }));
    expect(describeCode('room.not_found', { id: 'R-1' }, 'ru')).toBe(format(catalogues.ru['room.not_found']!, { id: 'R-1' }));
    expect(describeCode('room.not_found', { id: 'R-1' }, 'ru')).toContain('R-1');
  });

  it('falls back to English when a language lacks the key', () => {
    const code = 'test.only_in_english';
    catalogues.en[code] = 'only English has {thing}';
    try {
      expect(describeCode(code, { thing: 'this' }, 'az')).toBe('only English has this');
      expect(describeCode(code, { thing: 'this' }, 'ru')).toBe('only English has this');
    } finally {
      delete catalogues.en[code];
    }
  });

  it('falls back to the code itself when no catalogue knows it', () => {
    expect(describeCode('no.such_code', { x: 1 }, 'az')).toBe('no.such_code');
    expect(describeCode('no.such_code', undefined, 'en')).toBe('no.such_code');
  });

  it('prefixes the field of a reason and joins several reasons', () => {
    const a = { code: 'room.name_taken', field: 'name', params: { name: 'A-1' } };
    const b = { code: 'auth.required' };
    expect(describeReason(a, 'en')).toBe('name: there is already a room called A-1');
    expect(describeReasons([a, b], 'en')).toBe('name: there is already a room called A-1; sign in first');
  });
});

describe('coverage of the code base', () => {
  it('has an English message for every reason code used in domain/, services/ and db/', () => {
    const codes = reasonCodesInSource();
    expect(codes.size).toBeGreaterThan(10); // the scan found the calls at all
    const missing = [...codes].filter(([code]) => !(code in en)).map(([code, files]) => `${code} (${files.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('has an English message for every finding code and severity', () => {
    const missing = FINDING_CODES.map((c) => `finding.${c}`).filter((k) => !(k in en));
    expect(missing).toEqual([]);
    for (const s of ['critical', 'high', 'medium', 'low']) expect(en).toHaveProperty([`severity.${s}`]);
  });

  it('has no finding message for a code that does not exist', () => {
    const known = new Set<string>(FINDING_CODES.map((c) => `finding.${c}`));
    expect(enKeys.filter((k) => k.startsWith('finding.') && !known.has(k))).toEqual([]);
  });
});
