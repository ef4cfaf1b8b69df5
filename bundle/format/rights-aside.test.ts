// Rights rows made straight from an entry's bytes (rightsAside's fast way) must be exactly the rows
// the general way makes (JSON.parse, then the replay's rightRow and the canonical row text), for the
// payloads the fast way reads (interpreter objects among them) and for those it must leave alone.

import { describe, expect, it } from 'vitest';
import { rightRow } from '../../domain/replay/replay.ts';
import { replayRowText } from '../../domain/replay/canonical-rows.ts';
import { fromUtf8 } from './bytes.ts';
import { encodeJournalChunk, indexJournalChunk, utf8Length } from './journal.ts';
import { rightsAside, RIGHTS_SPEC } from './rights-aside.ts';

const BASE = '"personId":"P1","placementId":"S1","right":"information_on_rights","rightEntryId":"RT1","state":"exercised"';
const PAYLOADS = [
  `{${BASE}}`,
  `{"detail":"signed","interpreter":{"mode":"video","name":"Dilshad Barzani"},"language":"ku",${BASE},"version":"SMS-RI-2023/2"}`,
  `{"interpreter":{},${BASE}}`,
  `{"interpreter":{"name":"","mode":"none_needed"},${BASE}}`,
  `{"interpreter":{"a":"x","b":"y","c":"z","d":"w","e":"v","f":"u","g":"t","h":"s","i":"r"},${BASE}}`,
  // Forms JSON.stringify would write otherwise: the general way must take them.
  `{"interpreter":{"name":"A","name":"B"},${BASE}}`,
  `{"interpreter":{"2":"second","1":"first"},${BASE}}`,
  `{"interpreter":{"__proto__":"x","mode":"video"},${BASE}}`,
  `{"interpreter":{ "mode":"video"},${BASE}}`,
  `{"interpreter":{"mode":"vid\\u0065o"},${BASE}}`,
  `{"interpreter":{"mode":"видео","name":"Əli Həsənov"},${BASE}}`,
  `{"detail":"Məlumat vərəqəsi verildi; 署名 🖋","language":"az",${BASE},"version":"v—2"}`,
  `{"detail":"x","detailRef":"ə1",${BASE}}`,
  `{"personId":"P1","placementId":"S1","right":"lawyer","rightEntryId":"RTə","state":"declined"}`,
  `{"interpreter":{"mode":1},${BASE}}`,
  `{"interpreter":{"mode":{"kind":"video"}},${BASE}}`,
  `{"interpreter":"R. Aliyev",${BASE}}`,
  `{"interpreter":null,${BASE}}`,
  `{"interpreter":"",${BASE}}`,
  `{"interpreter":{"mode":"video"},"interpreter":{"mode":"phone"},${BASE}}`,
];

function entry(seq: number, payload: string): string {
  return `${seq}\n2026-01-0${1 + (seq % 9)}T10:00:00.000Z\n2026-01-0${1 + (seq % 9)}T10:00:00.000Z\nregistrar\nright.recorded\n\n${'0'.repeat(64)}\n${payload}`;
}

/** A chunk of right.recorded entries whose payloads are given as bytes (malformed UTF-8 among them). */
function chunkOfBytes(payloads: Uint8Array[]) {
  const heads = payloads.map((_, i) => new TextEncoder().encode(entry(i + 1, '')));
  const count = payloads.length;
  const lengths = payloads.map((p, i) => heads[i]!.length + p.length);
  const raw = new Uint8Array(4 + 4 * count + lengths.reduce((a, n) => a + n, 0));
  const view = new DataView(raw.buffer);
  view.setUint32(0, count, true);
  let o = 4 + 4 * count;
  payloads.forEach((p, i) => {
    view.setUint32(4 + 4 * i, lengths[i]!, true);
    raw.set(heads[i]!, o);
    raw.set(p, o + heads[i]!.length);
    o += lengths[i]!;
  });
  return indexJournalChunk(raw, 0, 1);
}

describe('rights rows made from the bytes', () => {
  it('refuse a payload whose bytes are not UTF-8 as the general way does, at that entry', () => {
    const good = new TextEncoder().encode(`{"detail":"ok",${BASE}}`);
    const bad = [[0xc0, 0x80], [0x80], [0xd0], [0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0xe2, 0x82]];
    for (const seq of bad) {
      const payload = new Uint8Array([...new TextEncoder().encode('{"detail":"a'), ...seq, ...new TextEncoder().encode(`b",${BASE}}`)]);
      const side = rightsAside(chunkOfBytes([good, payload, good]));
      expect(side.failure, seq.join(' ')).toEqual({ entry: 1, reason: 'json' });
      expect(side.rows).toBe(1);
    }
  });

  it('are the rows the replay makes, for every form of interpreter', () => {
    const texts = PAYLOADS.map((p, i) => entry(i + 1, p));
    const chunk = indexJournalChunk(encodeJournalChunk(texts.join(''), texts.map(utf8Length)), 0, 1);
    const side = rightsAside(chunk);
    expect(side.failure).toBeNull();
    expect(side.rows).toBe(PAYLOADS.length);
    PAYLOADS.forEach((p, i) => {
      const head = { seq: i + 1, eventTime: `2026-01-0${1 + ((i + 1) % 9)}T10:00:00.000Z`, recordedTime: '', actor: 'registrar', type: 'right.recorded' };
      const expected = replayRowText(RIGHTS_SPEC, rightRow(head, JSON.parse(p)));
      const got = fromUtf8(side.text.subarray(i === 0 ? 0 : side.ends[i - 1]!, side.ends[i]! - 1));
      expect(got, p).toBe(expected);
    });
  });
});
