// The canonical encoding is what every stored hash covers: the faster encoder must give, byte for
// byte, the text of the plain definition (sorted keys, undefined members dropped), and must say
// truthfully when reading its text back would not give the value it was handed.

import { describe, expect, it } from 'vitest';
import { canonicalJson, encodePayload } from './journal.ts';

/** The encoding as first defined: keys sorted on every object, undefined members dropped. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return value === undefined ? 'null' : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const members = Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`);
  return `{${members.join(',')}}`;
}

/** A small seeded generator, so a failure names a value that can be rebuilt. */
function generator(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
  const int = (n: number) => Math.floor(next() * n);
  const keys = ['b', 'a', 'placementId', 'z', '10', '2', 'Ä', 'é', '\u{1F600}', '_', 'A', 'aa', '', 'quote"', 'new\nline'];
  const strings = ['', 'plain', 'Məmmədov', 'Бенчов', 'line\nbreak', 'tab\t', 'quote " and \\', '\u2028', '\ud800', 'emoji \u{1F600}'];
  const numbers = [0, -0, 1, -7, 3.5, 1e21, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY];
  const value = (depth: number): unknown => {
    switch (int(depth > 3 ? 5 : 8)) {
      case 0:
        return strings[int(strings.length)];
      case 1:
        return numbers[int(numbers.length)];
      case 2:
        return int(2) === 0;
      case 3:
        return null;
      case 4:
        return undefined;
      case 5:
        return Array.from({ length: int(4) }, () => value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = int(6); i > 0; i--) o[keys[int(keys.length)]!] = value(depth + 1);
        return o;
      }
    }
  };
  return () => value(0);
}

describe('canonicalJson', () => {
  it('gives exactly the text of the plain definition, on thousands of generated values', () => {
    const next = generator(20_261_207);
    for (let i = 0; i < 5000; i++) {
      const v = next();
      expect(canonicalJson(v)).toBe(reference(v));
    }
  });

  it('sorts keys whatever order they were built in, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, undefined], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[1,null]},"b":1}');
    expect(canonicalJson({ 10: 'a', 2: 'b', x: 1 })).toBe('{"10":"a","2":"b","x":1}');
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${(i * 37) % 100}`, i]));
    expect(canonicalJson(many)).toBe(reference(many));
  });
});

describe('encodePayload', () => {
  it('says a value round-trips exactly when parsing its text gives the same value', () => {
    const next = generator(7);
    let both = 0;
    for (let i = 0; i < 5000; i++) {
      const v = next();
      const { text, roundTrips } = encodePayload(v);
      expect(text).toBe(canonicalJson(v));
      if (roundTrips) {
        both++;
        expect(JSON.parse(text)).toStrictEqual(v);
      }
    }
    expect(both).toBeGreaterThan(500);
  });

  it('marks what the text cannot carry: undefined, numbers JSON cannot hold, objects that are not plain', () => {
    expect(encodePayload({ a: 1, b: [true, null, 'x'], c: { d: -1.5 } }).roundTrips).toBe(true);
    for (const lossy of [{ a: undefined }, [undefined], { a: Number.NaN }, { a: -0 }, { a: Number.POSITIVE_INFINITY }, { a: new Date(0) }, undefined]) {
      expect(encodePayload(lossy).roundTrips).toBe(false);
    }
  });
});
