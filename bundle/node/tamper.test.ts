// Every single-byte change of a bundle's files is detected, and so are truncated and empty files;
// changes made behind the signature by a centre that holds the key (re-encrypted, re-signed) are
// caught by the journal, the projections and the medical-note checks.

import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, utf8 } from '../format/bytes.ts';
import { encodeJournalChunk, indexJournalChunk } from '../format/journal.ts';
import { chunkHeader, CONTAINER_MAGIC, decodeContainer, sectionHeader, splitChunks } from '../format/container.ts';
import { gunzipSync } from 'fflate';
import { verifyBundle, type BundleFiles, type Verdict } from '../format/verify.ts';
import { exportBundle } from './export.ts';
import { exportTestBundle, forge, memoCrypto, PASSPHRASE, type TestBundle } from './test-support.ts';
import { nodeVerifyOptions, readBundleFiles } from './verify.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { azDefaultProfile } from '../../domain/profile/az-default.ts';
import { verifyCommand } from '../../services/cli/commands/bundle.ts';
import type { FindingsSection } from '../format/sections.ts';
import { checkFindings, findingsFromJournal } from './findings-check.ts';

let b: TestBundle;
/** A smaller bundle (no stays: rooms, a visit, accounts) for the byte-by-byte runs. */
let small: TestBundle;
const crypto = memoCrypto();
beforeAll(async () => {
  [b, small] = await Promise.all([exportTestBundle(), exportTestBundle({ rounds: 0 })]);
});
afterAll(() => {
  b?.cleanup();
  small?.cleanup();
});

const verify = (files: BundleFiles): Promise<Verdict> => verifyBundle(files, PASSPHRASE, crypto, nodeVerifyOptions());

function flipped(bytes: Uint8Array, i: number, mask: number): Uint8Array {
  const copy = bytes.slice();
  copy[i]! ^= mask;
  return copy;
}

/** The container's sections, each as its decompressed content. */
function sectionsOf(plaintext: Uint8Array): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const [name, body] of decodeContainer(plaintext)) {
    out.set(name, concatBytes(splitChunks(name, body).map((c) => gunzipSync(c.gzip))));
  }
  return out;
}

/** A container from sections' contents (each one chunk). */
function container(sections: Map<string, Uint8Array>): Uint8Array {
  const parts: Uint8Array[] = [Uint8Array.from(CONTAINER_MAGIC)];
  for (const [name, content] of sections) {
    const gz = content.length ? new Uint8Array(gzipSync(content)) : null;
    const body = gz ? concatBytes([chunkHeader(content.length, gz.length), gz]) : new Uint8Array(0);
    parts.push(sectionHeader(name, body.length), body);
  }
  return concatBytes(parts);
}

function editSection(name: string, edit: (content: Uint8Array) => Uint8Array) {
  return (plaintext: Uint8Array) => {
    const sections = sectionsOf(plaintext);
    sections.set(name, edit(sections.get(name)!));
    return container(sections);
  };
}

describe('single-byte changes', () => {
  it('the bundle as exported is intact (the baseline)', async () => {
    expect((await verify(small.files)).ok).toBe(true);
  });

  it('every byte of bundle.json, changed, is detected by the envelope or signature check', async () => {
    const n = small.files.envelope.length;
    let checked = 0;
    for (let i = 0; i < n; i++) {
      for (const mask of [0x01, 0x20, 0x80]) {
        const v = await verify({ envelope: flipped(small.files.envelope as Uint8Array, i, mask), data: small.files.data });
        expect(v.ok, `byte ${i} ^ ${mask}`).toBe(false);
        expect(['envelope', 'signature']).toContain(v.failure!.step);
        expect(v.failure!.message.length).toBeGreaterThan(10);
        checked++;
      }
    }
    expect(checked).toBe(3 * n);
    expect(crypto.derivations).toBeLessThanOrEqual(1);
  });

  it('every byte of data.bin, changed, is detected before the passphrase is even tried', async () => {
    for (let i = 0; i < small.files.data.length; i++) {
      const v = await verify({ envelope: small.files.envelope, data: flipped(small.files.data, i, 1 << (i % 8)) });
      expect(v.ok, `byte ${i}`).toBe(false);
      expect(v.failure!.step).toBe('data');
    }
  });
});

describe('decrypting while the data is hashed (the viewer’s way)', () => {
  const early = (files: BundleFiles, passphrase = PASSPHRASE) => verifyBundle(files, passphrase, crypto, { ...nodeVerifyOptions(), decryptWhileHashing: true });

  it('gives the same verdict, step by step, on the intact bundle and with a wrong passphrase', async () => {
    for (const passphrase of [PASSPHRASE, `${PASSPHRASE}!`]) {
      const [a, c] = [await verifyBundle(small.files, passphrase, crypto, nodeVerifyOptions()), await early(small.files, passphrase)];
      expect(c.ok).toBe(a.ok);
      expect(c.failure).toEqual(a.failure);
      expect(c.steps.map((s) => [s.step, s.ok, s.detail])).toEqual(a.steps.map((s) => [s.step, s.ok, s.detail]));
    }
    expect((await early(small.files, `${PASSPHRASE}!`)).failure!.step).toBe('decryption');
  });

  it('still names a changed byte of data.bin at the data step, not as a wrong passphrase', async () => {
    const n = small.files.data.length;
    for (let k = 0; k < 64; k++) {
      const i = Math.floor((k * (n - 1)) / 63);
      const v = await early({ envelope: small.files.envelope, data: flipped(small.files.data, i, 1 << (k % 8)) });
      expect(v.ok, `byte ${i}`).toBe(false);
      expect(v.failure!.step, `byte ${i}`).toBe('data');
    }
  });
});

describe('truncated and empty files', () => {
  it('bundle.json cut anywhere, or empty', async () => {
    const envelope = small.files.envelope as Uint8Array;
    for (let length = 0; length < envelope.length; length++) {
      const v = await verify({ envelope: envelope.subarray(0, length), data: small.files.data });
      expect(v.failure?.step, `length ${length}`).toBe('envelope');
    }
    expect((await verify({ envelope: new Uint8Array(0), data: small.files.data })).failure!.message).toBe('bundle.json is empty');
  });

  it('data.bin cut, extended or empty', async () => {
    const data = small.files.data;
    for (const length of [0, 1, 16, 100, data.length >> 1, data.length - 17, data.length - 1]) {
      const v = await verify({ envelope: small.files.envelope, data: data.subarray(0, length) });
      expect(v.failure!.step).toBe('data');
      expect(v.failure!.message).toMatch(/cut short/);
    }
    const longer = await verify({ envelope: small.files.envelope, data: concatBytes([data, new Uint8Array(1)]) });
    expect(longer.failure!.message).toMatch(/extended/);
  });

  it('an empty or missing file in the folder is named', async () => {
    const dir = join(b.dir, 'empty');
    mkdirSync(dir);
    writeFileSync(join(dir, 'bundle.json'), '');
    writeFileSync(join(dir, 'data.bin'), '');
    const v = await verify(await readBundleFiles(dir));
    expect(v.failure).toMatchObject({ step: 'envelope', message: 'bundle.json is empty' });
    const lonely = join(b.dir, 'lonely');
    mkdirSync(lonely);
    writeFileSync(join(lonely, 'bundle.json'), '{}');
    await expect(readBundleFiles(lonely)).rejects.toThrow(/has bundle.json but no data.bin/);
  });
});

describe('changes behind the signature (a centre that holds the key)', () => {
  it('a changed journal entry is named by its seq', async () => {
    const files = await forge(b, crypto, editSection('journal', (raw) => {
      const text = Buffer.from(raw).toString('latin1');
      const at = text.indexOf('"reason":"passport found"');
      const copy = raw.slice();
      copy.set(utf8('"reason":"passport f0und"'), at);
      return copy;
    }));
    const v = await verify(files);
    expect(v.failure).toMatchObject({ step: 'chain', seq: expect.any(Number) });
    const entry = v.failure!.seq!;
    expect(v.failure!.message).toContain(`entry ${entry} does not hash`);
    const original = b.v.c.db.prepare('SELECT payload FROM journal WHERE seq = ?').pluck().get(entry) as string;
    expect(original).toContain('passport found');
  });

  it('a journal cut short of its signed head, or with an entry dropped, is named', async () => {
    // The journal section's content as a list of entries' bytes, and back (one chunk).
    const entries = (raw: Uint8Array) => {
      const c = indexJournalChunk(raw, 0, 1);
      return Array.from({ length: c.count }, (_, i) => raw.slice(c.starts[i]!, c.ends[i]!));
    };
    const join = (list: Uint8Array[]) => {
      const text = Buffer.concat(list).toString('utf8');
      return encodeJournalChunk(text, list.map((e) => e.length));
    };
    const cut = await verify(await forge(b, crypto, editSection('journal', (raw) => join(entries(raw).slice(0, -3)))));
    expect(cut.failure).toMatchObject({ step: 'chain' });
    expect(cut.failure!.message).toMatch(/entries are missing at the end/);
    const dropped = await verify(await forge(b, crypto, editSection('journal', (raw) => join(entries(raw).filter((_, i) => i !== 20)))));
    expect(dropped.failure).toMatchObject({ step: 'chain', seq: 21 });
    expect(dropped.failure!.message).toMatch(/^entry 21 is not in its place: entry 22 is found there/);
    const swapped = await verify(
      await forge(b, crypto, editSection('journal', (raw) => {
        const list = entries(raw);
        [list[20], list[21]] = [list[21]!, list[20]!];
        return join(list);
      })),
    );
    expect(swapped.failure).toMatchObject({ step: 'chain', seq: 21 });
    expect(swapped.failure!.message).toMatch(/^entry 21 is not in its place: entry 22 is found there/);
  });

  it('a register table the journal does not support is named', async () => {
    // The centre edits its database behind the journal (no entry), then exports.
    const db = b.v.c.db;
    const person = db.prepare('SELECT person_id, family_name FROM persons LIMIT 1').get() as { person_id: string; family_name: string };
    db.prepare('UPDATE persons SET family_name = ? WHERE person_id = ?').run('Someone Else', person.person_id);
    try {
      const dir = join(b.dir, 'edited');
      await exportBundle(db, { outDir: dir, passphrase: PASSPHRASE, kind: 'inspection', exportedBy: 'head', clock: b.v.c.clock.now });
      const v = await verify(await readBundleFiles(dir));
      expect(v.failure).toMatchObject({ step: 'projections' });
      expect(v.failure!.message).toBe("table persons: the centre's rows differ from what the journal gives");
    } finally {
      db.prepare('UPDATE persons SET family_name = ? WHERE person_id = ?').run(person.family_name, person.person_id);
    }
  });

  it('a changed or missing medical note is caught', async () => {
    const changed = await verify(
      await forge(b, crypto, editSection('medical-notes', (raw) => utf8(Buffer.from(raw).toString('utf8').replace('bruises', 'no marks')))),
    );
    expect(changed.failure).toMatchObject({ step: 'medical-notes' });
    expect(changed.failure!.message).toMatch(/is not the note its reference was made from/);
    const missing = await verify(
      await forge(
        b,
        crypto,
        editSection('medical-notes', (raw) => utf8(JSON.stringify((JSON.parse(Buffer.from(raw).toString('utf8')) as unknown[]).slice(1)))),
        (m) => ({ ...m, counts: { ...m.counts, medicalNotes: m.counts.medicalNotes - 1 } }),
      ),
    );
    expect(missing.failure).toMatchObject({ step: 'medical-notes' });
    expect(missing.failure!.message).toMatch(/the journal refers to is missing/);
  });

  it('a missing section, a section twice, or medical notes in an HQ slice are refused', async () => {
    const noProjections = await verify(
      await forge(b, crypto, (p) => {
        const s = sectionsOf(p);
        s.delete('projections');
        return container(s);
      }),
    );
    expect(noProjections.failure).toMatchObject({ step: 'container', message: 'the data has no projections section' });
    const twice = await verify(
      await forge(b, crypto, (p) => {
        const body = decodeContainer(p).get('profile')!;
        return concatBytes([p, sectionHeader('profile', body.length), body]);
      }),
    );
    expect(twice.failure).toMatchObject({ step: 'container', message: 'section profile appears twice' });
    const slice = await verify(await forge(b, crypto, (p) => p, (m) => ({ ...m, kind: 'hq-slice', counts: { ...m.counts, medicalNotes: 0 } })));
    expect(slice.failure).toMatchObject({ step: 'container', message: 'an HQ slice must not carry medical notes, and this one does' });
  });

  it('a manifest that disagrees with the journal is refused', async () => {
    const renamed = await verify(await forge(b, crypto, (p) => p, (m) => ({ ...m, centre: { ...m.centre, name: 'Another Centre' } })));
    expect(renamed.failure).toMatchObject({ step: 'projections' });
    expect(renamed.failure!.message).toMatch(/centre’s name/);
    const counted = await verify(await forge(b, crypto, (p) => p, (m) => ({ ...m, counts: { ...m.counts, persons: m.counts.persons + 1 } })));
    expect(counted.failure!.message).toMatch(/persons/);
  });
});

describe('findings of the centre’s own making', () => {
  /** The bundle's findings, as the journal gives them, against those it carries. */
  const recheck = (v: Verdict) => {
    const m = v.manifest!;
    return checkFindings(v.content!.findings!, findingsFromJournal(v.content!.journal.entries(), azDefaultProfile, m.centre.timeZone, m.exportedAt));
  };

  it('pass the signature and every check, and are caught only by computing them again from the journal', async () => {
    const honest = await verify(b.files);
    const check = recheck(honest);
    expect(check).toMatchObject({ ok: true, difference: null });
    expect(check.current).toBeGreaterThan(0);
    expect(check.current).toBe(honest.content!.findings!.current.findings.length);

    // The centre empties the findings of the moment, encrypts and signs again with its own key.
    const files = await forge(b, crypto, editSection('findings', (raw) => {
      const section = JSON.parse(Buffer.from(raw).toString('utf8')) as FindingsSection;
      section.current.findings = [];
      return utf8(JSON.stringify(section));
    }));
    const doctored = await verify(files);
    expect(doctored.ok).toBe(true);
    const caught = recheck(doctored);
    expect(caught.ok).toBe(false);
    expect(caught.difference).toMatch(new RegExp(`^the bundle lists 0 findings now, its journal gives ${check.current}; the first that differs: the bundle has nothing, the journal gives \\S+`));

    // `centre verify --findings` says so and exits 1.
    const dir = join(b.dir, 'doctored');
    mkdirSync(dir);
    writeFileSync(join(dir, 'bundle.json'), files.envelope);
    writeFileSync(join(dir, 'data.bin'), files.data);
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) }, stdin: '', env: { CENTRE_PASSPHRASE: PASSPHRASE } };
    const cmd = { bundle: dir, passphraseFile: null, checkpoint: null, saveCheckpoint: null, json: false, findings: true };
    expect(await verifyCommand(cmd, io as never)).toBe(1);
    expect(out.join('')).toMatch(/^NOT AS SIGNED: .*\n {2}the findings it carries are not those its journal gives\n {2}the bundle lists 0 findings now/);
    out.length = 0;
    expect(await verifyCommand({ ...cmd, bundle: b.result.outDir }, io as never)).toBe(0);
    expect(out.join('')).toMatch(new RegExp(`ok {2}findings: computed again from the journal at \\S+: ${check.current} now, ${check.history} in the audit, as the bundle says`));
  });
});
