// DESIGN §7: medical details are visible to medical staff and inspectors, not exported to HQ. An HQ
// slice of a centre with a medical concern, a detention review and a medical examination carries
// none of their notes nor the concern's kind, anywhere in its data; the inspection bundle carries
// them (proved against their references), and the centre's own person file still shows the kind.

import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeContainer, inflateSection } from '../format/container.ts';
import { exportBundle } from './export.ts';
import { exportTestBundle, decryptData, memoCrypto, PASSPHRASE, type TestBundle } from './test-support.ts';
import { nodeGunzip } from './crypto-node.ts';
import { verifyBundleAt } from './verify.ts';

const crypto = memoCrypto();
let b: TestBundle;
beforeAll(async () => {
  b = await exportTestBundle();
});
afterAll(() => b?.cleanup());

async function sectionsText(dir: string): Promise<Map<string, string>> {
  const files = { envelope: new Uint8Array(readFileSync(join(dir, 'bundle.json'))), data: new Uint8Array(readFileSync(join(dir, 'data.bin'))) };
  const { plaintext } = await decryptData(files, crypto);
  const out = new Map<string, string>();
  for (const [name, body] of decodeContainer(plaintext)) out.set(name, Buffer.from(await inflateSection(name, body, nodeGunzip)).toString('utf8'));
  return out;
}

describe('medical details and HQ slices', () => {
  const details = ['self_harm_risk', 'suicidal', 'psychologist', 'bruises on both forearms'];

  it('an HQ slice carries no medical note and no kind of medical concern, in any section', async () => {
    const dir = join(b.dir, 'hq-slice');
    await exportBundle(b.v.c.db, { outDir: dir, passphrase: PASSPHRASE, kind: 'hq-slice', since: 0, exportedBy: 'head', clock: b.v.c.clock.now });
    expect((await verifyBundleAt(dir, PASSPHRASE)).ok).toBe(true);
    const sections = await sectionsText(dir);
    expect([...sections.keys()].sort()).toEqual(['findings', 'journal', 'profile', 'projections']);
    const all = [...sections.values()].join('\n');
    for (const d of details) expect(all, d).not.toContain(d);
    // The concern is there, with references only.
    // type, corrects (empty), prev_hash, then the payload.
    expect(sections.get('journal')).toMatch(/medical\.concern_raised\n\n[0-9a-f]{64}\n\{[^\n]*"kindRef":"[0-9a-f]{64}"/);
    expect(sections.get('journal')).not.toMatch(/medical\.concern_raised\n\n[0-9a-f]{64}\n\{[^\n]*"kind":/);
  });

  it('the inspection bundle carries them, each proved against its reference', async () => {
    const sections = await sectionsText(b.result.outDir);
    const notes = JSON.parse(sections.get('medical-notes')!) as { text: string }[];
    expect(notes.map((n) => n.text)).toEqual(expect.arrayContaining(['self_harm_risk', 'expressed suicidal thoughts; under watch']));
    const verdict = await verifyBundleAt(b.result.outDir, PASSPHRASE);
    expect(verdict.ok).toBe(true);
    expect(verdict.steps.find((s) => s.step === 'medical-notes')).toMatchObject({ ok: true });
    const concern = [...verdict.content!.tables!.medicalConcerns.values()][0]!;
    expect(concern.kind).toBe('');
    expect(verdict.content!.medicalNotes.get(concern.kindRef!)).toBe('self_harm_risk');
  });

  it('the centre’s own register still shows the kind', () => {
    const personId = b.v.c.db.prepare("SELECT person_id FROM medical_concerns LIMIT 1").pluck().get() as string;
    const file = b.v.c.call('register.personFile', { personId }, 'doc');
    expect(file.placements.flatMap((p) => p.concerns).map((c) => c.kind)).toEqual(['self_harm_risk']);
  });
});
