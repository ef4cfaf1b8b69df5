// A JSON text is kept as text only when JSON.stringify(JSON.parse(text)) gives it back exactly:
// checked on the texts the service writes, on spellings it never writes, and on thousands of
// mutated ones (whatever the scanner accepts must round-trip; what does not round-trip is refused).

import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../journal.ts';
import { canonicalJsonEnd, canonicalMemberSpan, jsonValue, RawJson } from './raw-json.ts';

const enc = new TextEncoder();
const accepts = (text: string) => {
  const b = enc.encode(text);
  return canonicalJsonEnd(b, 0, b.length) === b.length;
};
const roundTrips = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text)) === text;
  } catch {
    return false;
  }
};

const admission = {
  alternativesNotUsedBecause: 'Risk of absconding; no address',
  apprehension: { at: '2026-01-02T03:04:05.000Z', place: 'Bakı, Nəsimi' },
  children: [{ age: 4, where: 'with mother' }],
  injuries: null,
  property: ['passport', 'phone'],
  screening: { asylumIntent: false, trafficking: { indicators: [] } },
  temperature: -1,
};

describe('JSON kept as text', () => {
  it('accepts what the service writes (canonicalJson of a record), which round-trips', () => {
    const text = canonicalJson(admission);
    expect(accepts(text)).toBe(true);
    expect(roundTrips(text)).toBe(true);
    const rj = new RawJson(text);
    expect(jsonValue(rj)).toEqual(JSON.parse(text));
    expect(jsonValue(admission)).toBe(admission);
  });

  it('refuses spellings that do not round-trip', () => {
    for (const text of [
      '{"b":1,"a":2}',
      '{"a":1,"a":2}',
      '{"2":1,"10":2}',
      '{"1":1}',
      '{"a": 1}',
      ' {"a":1}',
      '{"a":"\\u0041"}',
      '{"a":"x\\ny"}',
      '{"a":1.0}',
      '{"a":1e3}',
      '{"a":-0}',
      '{"a":0123}',
      '{"a":1234567890123456}',
      '{"a":tru}',
      '{"a":[1,]}',
      '{"a":{}',
    ]) {
      expect(accepts(text), text).toBe(false);
    }
    expect(accepts('{"a":[1,-2,0],"b":{"c":null,"d":true,"e":false},"é":"ü"}')).toBe(true);
  });

  it('never accepts a text that does not round-trip, over thousands of mutations', () => {
    const base = canonicalJson(admission);
    const alphabet = '{}[],:"\\ 0123456789-.eEtrufalsn\u00e9ab';
    let seed = 3;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % n;
    };
    let accepted = 0;
    for (let round = 0; round < 5000; round++) {
      let text = base;
      for (let k = 1 + next(3); k > 0; k--) {
        const i = next(text.length);
        const op = next(3);
        const ch = alphabet[next(alphabet.length)]!;
        text = op === 0 ? text.slice(0, i) + ch + text.slice(i + 1) : op === 1 ? text.slice(0, i) + ch + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
      }
      if (accepts(text)) {
        accepted++;
        expect(roundTrips(text), text).toBe(true);
      }
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('finds a member of a plain object, once, and nothing in any other', () => {
    const payload = canonicalJson({ admission, kind: 'forced', personId: 'P1' });
    const b = enc.encode(payload);
    const span = canonicalMemberSpan(b, 0, b.length, 'admission');
    expect(span).not.toBeNull();
    expect(new TextDecoder().decode(b.subarray(span![0], span![1]))).toBe(canonicalJson(admission));
    const none = enc.encode(canonicalJson({ kind: 'voluntary', personId: 'P1' }));
    expect(canonicalMemberSpan(none, 0, none.length, 'admission')).toBeNull();
    for (const odd of ['{"admission":{},"admission":{}}', '{"kind":"x","admission":{}}', '{"admission":{}} ', '[{"admission":{}}]', '{"admission":{"a":"\\n"}}']) {
      const o = enc.encode(odd);
      expect(canonicalMemberSpan(o, 0, o.length, 'admission'), odd).toBeNull();
    }
  });
});
