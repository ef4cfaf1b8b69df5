// Round trip: export a centre that uses every kind of entry, verify it with node:crypto from the
// folder, from open-me.html alone and from bundle.json; the decoded content is the database's.

import { copyFileSync, existsSync, fstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readEntries } from '../../db/journal/writer.ts';
import { azDefaultProfile } from '../../domain/profile/az-default.ts';
import { Replay } from '../../domain/replay/replay.ts';
import { TABLES } from '../../domain/replay/tables.ts';
import { decodeContainer } from '../format/container.ts';
import { indexJournalChunk } from '../format/journal.ts';
import { openDatabase } from '../../db/connection.ts';
import { seedCentre } from '../../services/seed/seed.ts';
import { parseEnvelope } from '../format/manifest.ts';
import { verifyBundle } from '../format/verify.ts';
import { bareViewerHtml, sha256Hex, VIEWER_END } from '../viewer/build.ts';
import { nodeCrypto } from './crypto-node.ts';
import { ENVELOPE_ROOM, exportBundle, ExportError, journalChunks, type ExportProgress } from './export.ts';
import { CLOSE_TAG, DATA_ELEMENT_ID, embeddedBundle, ENVELOPE_ELEMENT_ID, leadingEnvelope, openTag } from '../viewer/embedded.ts';
import { computeFindingsSection } from './findings.ts';
import { decryptData, exportTestBundle, memoCrypto, PASSPHRASE, type TestBundle } from './test-support.ts';
import { nodeVerifyOptions, readBundleFiles, verifyBundleAt } from './verify.ts';

let b: TestBundle;
beforeAll(async () => {
  b = await exportTestBundle({ rounds: 2 });
});
afterAll(() => b?.cleanup());

const out = () => b.result.outDir;
const base = () => ({ passphrase: PASSPHRASE, kind: 'inspection' as const, exportedBy: 'head', clock: b.v.c.clock.now });

describe('export', () => {
  it('writes the four files, bundle.json in its canonical form', () => {
    expect(b.result.files.map((f) => f.name).sort()).toEqual(['README.txt', 'bundle.json', 'data.bin', 'open-me.html']);
    const text = readFileSync(join(out(), 'bundle.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    const { manifest } = parseEnvelope(text);
    const head = b.v.c.db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string };
    expect(manifest).toMatchObject({
      kind: 'inspection',
      from: { seq: 0 },
      head,
      exportedBy: 'head',
      counts: {
        entries: head.seq,
        persons: b.v.c.db.prepare('SELECT count(*) FROM persons').pluck().get(),
        placements: b.v.c.db.prepare('SELECT count(*) FROM placements').pluck().get(),
        medicalNotes: b.v.c.db.prepare('SELECT count(*) FROM medical_notes').pluck().get(),
      },
      encryption: { cipher: 'AES-256-GCM', kdf: 'PBKDF2-SHA-256', iterations: 600_000 },
    });
    expect(manifest.counts.medicalNotes).toBeGreaterThan(0);
  });

  it('puts the envelope right after the viewer, before the data (a viewer checks it while the data is parsed)', () => {
    const html = readFileSync(join(out(), 'open-me.html'), 'utf8');
    const viewerEnd = html.indexOf(`\n${VIEWER_END}\n`) + VIEWER_END.length + 2;
    const envelopeAt = html.indexOf(openTag(ENVELOPE_ELEMENT_ID));
    expect(envelopeAt).toBe(viewerEnd);
    expect(html.indexOf(openTag(DATA_ELEMENT_ID))).toBe(viewerEnd + ENVELOPE_ROOM + 1);
    expect(html.slice(html.indexOf(CLOSE_TAG, envelopeAt) + CLOSE_TAG.length, viewerEnd + ENVELOPE_ROOM).trim()).toBe('');
    expect(html.lastIndexOf(openTag(ENVELOPE_ELEMENT_ID))).toBe(envelopeAt);
    expect(Buffer.from(embeddedBundle(html)!.envelope, 'base64').toString('utf8')).toBe(readFileSync(join(out(), 'bundle.json'), 'utf8'));
    expect(leadingEnvelope(html.slice(0, viewerEnd + ENVELOPE_ROOM))).toBe(embeddedBundle(html)!.envelope);
  });

  it('puts the bare viewer at the start of open-me.html, and says how to check it', async () => {
    const html = readFileSync(join(out(), 'open-me.html'), 'utf8');
    const bare = await bareViewerHtml();
    expect(html.startsWith(bare)).toBe(true);
    expect(bare.endsWith(`${VIEWER_END}\n`)).toBe(true);
    expect(html.slice(0, html.indexOf(`\n${VIEWER_END}\n`) + VIEWER_END.length + 2)).toBe(bare);
    expect(b.result.viewerSha256).toBe(sha256Hex(bare));
    const readme = readFileSync(join(out(), 'README.txt'), 'utf8');
    expect(readme).toContain(b.result.viewerSha256);
    expect(readme).toContain('sha256sum');
    expect(readme).toContain('centre viewer --out');
  });

  it('refuses a weak passphrase, saying how long it must be, and writes nothing', async () => {
    const dir = join(b.dir, 'weak');
    await expect(exportBundle(b.v.c.db, { outDir: dir, passphrase: 'short pass', kind: 'inspection', exportedBy: 'head', clock: b.v.c.clock.now })).rejects.toThrow(
      /at least 12 characters long \(it has 10\)/,
    );
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a folder that is not empty, and an inspection bundle that would leave entries out', async () => {
    const dir = join(b.dir, 'full');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x'), 'x');
    const base = { passphrase: PASSPHRASE, exportedBy: 'head', clock: b.v.c.clock.now };
    await expect(exportBundle(b.v.c.db, { ...base, outDir: dir, kind: 'inspection' })).rejects.toThrow(/not empty/);
    await expect(exportBundle(b.v.c.db, { ...base, outDir: join(b.dir, 'since'), kind: 'inspection', since: 5 })).rejects.toThrow(ExportError);
    await expect(exportBundle(b.v.c.db, { ...base, outDir: join(b.dir, 'late'), kind: 'hq-slice', since: 10_000 })).rejects.toThrow(/after the last entry/);
  });

  it('reports progress that never goes back (the tables are digested while the journal is read), and every table', async () => {
    const seen: ExportProgress[] = [];
    await exportBundle(b.v.c.db, { ...base(), outDir: join(b.dir, 'progress'), onProgress: (p) => seen.push(p) });
    const order = ['journal', 'tables', 'findings', 'write'];
    const position = (p: ExportProgress) => order.indexOf(p.phase) + p.done / Math.max(1, p.total);
    for (let i = 1; i < seen.length; i++) expect(position(seen[i]!), JSON.stringify(seen.slice(i - 1, i + 1))).toBeGreaterThanOrEqual(position(seen[i - 1]!));
    expect(seen.filter((p) => p.phase === 'tables').at(-1)).toEqual({ phase: 'tables', done: TABLES.length, total: TABLES.length });
  });

  it('flushes each file it writes, the folder holding them and the folder that folder is renamed into, before it answers', async () => {
    const probe = await open(join(b.dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const realSync = proto.sync;
    const synced: { folder: boolean; bytes: number }[] = [];
    const spy = vi.spyOn(proto, 'sync').mockImplementation(function (this: FileHandle) {
      const st = fstatSync(this.fd);
      synced.push({ folder: st.isDirectory(), bytes: st.isDirectory() ? 0 : st.size });
      return realSync.call(this);
    });
    try {
      const result = await exportBundle(b.v.c.db, { ...base(), outDir: join(b.dir, 'durable') });
      expect(synced.filter((x) => !x.folder).map((x) => x.bytes).sort((x, y) => x - y)).toEqual(result.files.map((f) => f.bytes).sort((x, y) => x - y));
      if (process.platform !== 'win32') expect(synced.filter((x) => x.folder)).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('exports to a file system that cannot flush a folder (EINVAL: an SMB share), and reports a disk error flushing one', async () => {
    const probe = await open(join(b.dir, 'probe-share'), 'w');
    const proto = Object.getPrototypeOf(probe) as FileHandle;
    await probe.close();
    const realSync = proto.sync;
    const failWith = (code: string) =>
      vi.spyOn(proto, 'sync').mockImplementation(function (this: FileHandle) {
        if (fstatSync(this.fd).isDirectory()) return Promise.reject(Object.assign(new Error(`${code}: fsync`), { code }));
        return realSync.call(this);
      });
    let spy = failWith('EINVAL');
    try {
      const result = await exportBundle(b.v.c.db, { ...base(), outDir: join(b.dir, 'share') });
      expect((await verifyBundleAt(result.outDir, PASSPHRASE)).ok).toBe(true);
    } finally {
      spy.mockRestore();
    }
    if (process.platform === 'win32') return;
    spy = failWith('EIO');
    try {
      await expect(exportBundle(b.v.c.db, { ...base(), outDir: join(b.dir, 'failing-disk') })).rejects.toThrow(/EIO/);
    } finally {
      spy.mockRestore();
    }
  });

  it('stops when cancelled, whichever part is running, and leaves nothing behind', async () => {
    for (const phase of ['journal', 'tables'] as const) {
      const controller = new AbortController();
      const outDir = join(b.dir, `cancelled-${phase}`);
      const run = exportBundle(b.v.c.db, { ...base(), outDir, signal: controller.signal, onProgress: (p) => p.phase === phase && controller.abort() });
      await expect(run, phase).rejects.toThrow(/cancelled/);
      expect(existsSync(outDir), phase).toBe(false);
      expect(b.v.c.db.inTransaction, phase).toBe(false);
    }
  });
});

describe('the journal chunks', () => {
  it('start small and double up to 8,192 entries, in order, every entry once', () => {
    const db = openDatabase(':memory:');
    try {
      seedCentre(db, { persons: 300, years: 1, rngSeed: 5 });
      const head = db.prepare('SELECT max(seq) FROM journal').pluck().get() as number;
      expect(head).toBeGreaterThan(512 + 1024 + 2048 + 4096);
      const counts = [...journalChunks(db, 0, head)].map((raw) => indexJournalChunk(raw, 0, 1).count);
      const expected: number[] = [];
      for (let left = head, size = 512; left > 0; size = Math.min(8192, 2 * size)) {
        expected.push(Math.min(left, size));
        left -= size;
      }
      expect(counts).toEqual(expected);
      // A slice after --since starts small too.
      expect([...journalChunks(db, head - 700, head)].map((raw) => indexJournalChunk(raw, 0, 1).count)).toEqual([512, 188]);
    } finally {
      db.close();
    }
  });
});

describe('the SQL side of the projection digests', () => {
  it('SQLite json_array writes exactly JSON.stringify’s text for every character, integers and null', () => {
    const stmt = b.v.c.db.prepare('SELECT json_array(?, CAST(? AS INTEGER), ?)').pluck();
    const bad: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = `a${String.fromCharCode(c)}b`;
      if (stmt.get(s, 9007199254740991, null) !== JSON.stringify([s, 9007199254740991, null])) bad.push(c);
    }
    expect(bad).toEqual([]);
    expect(stmt.get('😀 ə Ş', -1, null)).toBe(JSON.stringify(['😀 ə Ş', -1, null]));
  });

  it('every REAL column is marked as such, so that its table is read row by row (json_array would differ)', () => {
    for (const spec of TABLES) {
      const real = (b.v.c.db.prepare(`PRAGMA table_info(${spec.sql})`).all() as { name: string; type: string }[]).filter((c) => c.type === 'REAL').map((c) => c.name);
      expect(spec.columns.filter((c) => c.real).map((c) => c.sql), spec.sql).toEqual(real);
    }
    expect(b.v.c.db.prepare('SELECT json_array(CAST(20 AS REAL))').pluck().get()).not.toBe(JSON.stringify([20]));
  });
});

describe('verify with node', () => {
  it('finds the bundle intact from its folder, its open-me.html alone, and its bundle.json', async () => {
    for (const path of [out(), join(out(), 'open-me.html'), join(out(), 'bundle.json')]) {
      const v = await verifyBundleAt(path, PASSPHRASE);
      expect(v.failure, path).toBeNull();
      expect(v.ok).toBe(true);
      expect(v.steps.map((s) => [s.step, s.ok])).toEqual([
        ['envelope', true],
        ['signature', true],
        ['data', true],
        ['decryption', true],
        ['container', true],
        ['chain', true],
        ['projections', true],
        ['medical-notes', true],
      ]);
      expect(v.warnings).toEqual([]);
    }
  });

  it('takes a data.bin still being read (a promise), with and without decrypting while hashing; one that cannot be read fails the data check', async () => {
    const files = await readBundleFiles(out());
    const data = files.data;
    const summary = (v: Awaited<ReturnType<typeof verifyBundle>>) => ({ ok: v.ok, failure: v.failure, steps: v.steps.map((s) => [s.step, s.ok, s.detail]) });
    const now = await verifyBundle(files, PASSPHRASE, nodeCrypto, nodeVerifyOptions());
    expect(now.ok).toBe(true);
    for (const decryptWhileHashing of [false, true]) {
      const later = new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(data), 30));
      expect(summary(await verifyBundle({ envelope: files.envelope, data: later }, PASSPHRASE, nodeCrypto, nodeVerifyOptions({ decryptWhileHashing })))).toEqual(summary(now));
      const unreadable = await verifyBundle({ envelope: files.envelope, data: Promise.reject(new Error('the page could not decode it')) }, PASSPHRASE, nodeCrypto, {
        ...nodeVerifyOptions({ decryptWhileHashing }),
      });
      expect(unreadable.failure).toEqual({ step: 'data', message: 'data.bin could not be read: the page could not decode it' });
      expect(unreadable.steps.map((s) => [s.step, s.ok])).toEqual([
        ['envelope', true],
        ['signature', true],
        ['data', false],
      ]);
    }
  });

  it('keeps no journal chunk’s field table once nothing reads it (32 bytes an entry, for the viewer’s lifetime)', async () => {
    const files = await readBundleFiles(out());
    const plain = await verifyBundle(files, PASSPHRASE, nodeCrypto, nodeVerifyOptions());
    expect(plain.ok).toBe(true);
    expect(plain.content!.journal.chunks.filter((c) => c.fields)).toHaveLength(0);
    const aside = await verifyBundle(files, PASSPHRASE, nodeCrypto, nodeVerifyOptions({ rightsAside: true }));
    expect(aside.ok).toBe(true);
    // The rights rows still to build read them: kept until then, dropped chunk by chunk.
    expect(aside.content!.journal.chunks.filter((c) => c.fields).length).toBeGreaterThan(0);
    aside.content!.rights!.finish();
    expect(aside.content!.journal.chunks.filter((c) => c.fields)).toHaveLength(0);
  });

  it('refuses a folder whose open-me.html carries another bundle than its bundle.json; a bare viewer, or the same bundle laid out as earlier versions did, is accepted', async () => {
    const second = await exportBundle(b.v.c.db, { ...base(), outDir: join(b.dir, 'second') });
    const mixed = join(b.dir, 'mixed');
    mkdirSync(mixed);
    for (const f of ['bundle.json', 'data.bin']) copyFileSync(join(out(), f), join(mixed, f));
    copyFileSync(join(second.outDir, 'open-me.html'), join(mixed, 'open-me.html'));
    for (const path of [mixed, join(mixed, 'bundle.json')]) {
      await expect(verifyBundleAt(path, PASSPHRASE), path).rejects.toThrow(`${join(mixed, 'open-me.html')} carries another bundle than the bundle.json beside it`);
    }
    // The inspector's own bare viewer beside the files: nothing to compare, verified as usual.
    writeFileSync(join(mixed, 'open-me.html'), await bareViewerHtml());
    expect((await verifyBundleAt(mixed, PASSPHRASE)).ok).toBe(true);
    // The same bundle with its envelope after the data (as earlier versions wrote it).
    const html = readFileSync(join(out(), 'open-me.html'), 'latin1');
    const at = html.indexOf(openTag(ENVELOPE_ELEMENT_ID));
    const end = html.indexOf(CLOSE_TAG, at) + CLOSE_TAG.length;
    writeFileSync(join(mixed, 'open-me.html'), `${html.slice(0, at)}${' '.repeat(end - at)}${html.slice(end)}${html.slice(at, end)}`, 'latin1');
    expect((await verifyBundleAt(mixed, PASSPHRASE)).ok).toBe(true);
  });

  it('gives back the journal, the register, the notes, the findings and the profile', async () => {
    const v = await verifyBundleAt(out(), PASSPHRASE);
    const content = v.content!;
    const fromDb = [...readEntries(b.v.c.db)];
    expect(content.journal.count).toBe(fromDb.length);
    expect([...content.journal.entries()]).toEqual(fromDb);
    expect(content.tables!.persons.get(b.v.presentPersonId)!.familyName).toBe(b.v.presentFamilyName);
    const notes = b.v.c.db.prepare('SELECT ref, text FROM medical_notes').all() as { ref: string; text: string }[];
    expect(content.medicalNotes).toEqual(new Map(notes.map((n) => [n.ref, n.text])));
    expect(content.findings!.current.mode).toBe('current');
    expect(content.findings!.history.findings.length).toBeGreaterThan(0);
    // As the app computes them at the instant of the export (export.ts works them out while the
    // journal is being compressed, in the same read transaction).
    const timeZone = b.v.c.db.prepare('SELECT time_zone FROM centre').pluck().get() as string;
    const exportedAt = parseEnvelope(readFileSync(join(out(), 'bundle.json'), 'utf8')).manifest.exportedAt;
    expect(content.findings).toEqual(JSON.parse(JSON.stringify(computeFindingsSection(b.v.c.db, azDefaultProfile, timeZone, exportedAt))));
    expect(content.profile).toEqual(JSON.parse(JSON.stringify(azDefaultProfile)));
  });

  it('says plainly when the passphrase is wrong', async () => {
    const v = await verifyBundleAt(out(), 'correct horse battery stapler');
    expect(v.ok).toBe(false);
    expect(v.failure).toMatchObject({ step: 'decryption' });
    expect(v.failure!.message).toMatch(/passphrase does not open the data/);
    expect(v.steps.slice(0, 3).every((s) => s.ok)).toBe(true);
  });

  it('refuses a bundle signed by another key than the one pinned', async () => {
    const files = await readBundleFiles(out());
    const v = await verifyBundle(files, PASSPHRASE, nodeCrypto, nodeVerifyOptions({ pinnedFingerprint: 'ab'.repeat(32) }));
    expect(v.failure).toMatchObject({ step: 'signature' });
    expect(v.failure!.message).toMatch(/not by the key pinned/);
  });

  it('opens the data with the normalised passphrase: composed or decomposed letters are the same', async () => {
    const dir = join(b.dir, 'nfc');
    const passphrase = 'Şəki dağları çox gözəldir';
    await exportBundle(b.v.c.db, { outDir: dir, passphrase, kind: 'inspection', exportedBy: 'head', clock: b.v.c.clock.now });
    const v = await verifyBundleAt(dir, passphrase.normalize('NFD'));
    expect(v.ok).toBe(true);
  });
});

describe('HQ slices', () => {
  it('carry the entries after --since, no medical notes, and verify; projections need the journal before', async () => {
    const since = 30;
    const dir = join(b.dir, 'slice');
    const r = await exportBundle(b.v.c.db, { outDir: dir, passphrase: PASSPHRASE, kind: 'hq-slice', since, exportedBy: 'head', clock: b.v.c.clock.now });
    const hash30 = b.v.c.db.prepare('SELECT hash FROM journal WHERE seq = 30').pluck().get();
    expect(r.manifest).toMatchObject({ kind: 'hq-slice', from: { seq: since, hash: hash30 }, counts: { medicalNotes: 0 } });
    const files = await readBundleFiles(dir);
    const crypto = memoCrypto();
    const { plaintext } = await decryptData(files, crypto);
    const sections = decodeContainer(plaintext);
    expect([...sections.keys()]).toEqual(['journal', 'projections', 'findings', 'profile']);
    expect(Buffer.from(plaintext).includes(Buffer.from('bruises on both forearms'))).toBe(false);

    const alone = await verifyBundle(files, PASSPHRASE, crypto, nodeVerifyOptions());
    expect(alone.ok).toBe(true);
    expect(alone.steps.find((s) => s.step === 'projections')).toMatchObject({ ok: true, skipped: true });
    expect(alone.steps.find((s) => s.step === 'medical-notes')).toMatchObject({ ok: true, skipped: true });
    expect(alone.content!.journal.firstSeq).toBe(31);

    // HQ holds entries 1..30: replayed, they let the slice's projections be checked.
    const base = new Replay({ lateEntryHours: azDefaultProfile.lateEntryHours });
    for (const e of readEntries(b.v.c.db)) if (e.seq <= since) base.apply({ ...e, payload: JSON.parse(e.payload) });
    const checked = await verifyBundle(files, PASSPHRASE, crypto, nodeVerifyOptions({ replayBase: base }));
    expect(checked.failure).toBeNull();
    expect(checked.steps.find((s) => s.step === 'projections')).toMatchObject({ ok: true });
    expect(checked.steps.find((s) => s.step === 'projections')!.skipped).toBeUndefined();
  });
});
