// `centre export`, `centre verify`, `centre viewer`: exit codes 0 / 1 / 2, the passphrase never as
// an argument, checkpoints saved and compared, JSON output for scripts.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type Io } from '../../services/cli/main.ts';
import { createVariedCentre, type VariedCentre } from '../../test/support/varied-centre.ts';
import { sha256Hex } from '../viewer/build.ts';
import { PASSPHRASE } from './test-support.ts';

class Capture {
  text = '';
  write(s: string): void {
    this.text += s;
  }
}

async function centre(argv: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: Io = { stdout, stderr, stdin: '', env };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let v: VariedCentre;
let work: string;
let passFile: string;
let bundle: string;
beforeAll(async () => {
  v = createVariedCentre();
  v.c.db.pragma('wal_checkpoint(TRUNCATE)');
  work = mkdtempSync(join(tmpdir(), 'centre-bundle-cli-'));
  passFile = join(work, 'pass');
  writeFileSync(passFile, `${PASSPHRASE}\nsecond line ignored\n`);
  bundle = join(work, 'bundle');
  const r = await centre(['--db', v.c.path, 'export', '--out', bundle, '--passphrase-file', passFile, '--as', 'insp']);
  expect(r.stderr).not.toMatch(/error/);
  expect(r.stderr).toMatch(/exporting: write/);
  expect(r.code).toBe(0);
});
afterAll(() => {
  v?.c.close();
  rmSync(work, { recursive: true, force: true });
});

describe('centre export', () => {
  it('says what it wrote', async () => {
    const manifest = JSON.parse(readFileSync(join(bundle, 'bundle.json'), 'utf8')).manifest;
    expect(manifest.exportedBy).toBe('insp');
    expect(manifest.kind).toBe('inspection');
  });

  it('refuses a weak passphrase (exit 1), a missing one (exit 2), an account that may not export (exit 1)', async () => {
    const weak = join(work, 'weak');
    writeFileSync(weak, 'short\n');
    const r1 = await centre(['--db', v.c.path, 'export', '--out', join(work, 'w'), '--passphrase-file', weak]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toMatch(/at least 12 characters/);
    const r2 = await centre(['--db', v.c.path, 'export', '--out', join(work, 'x')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/--passphrase-file F .* or in \$CENTRE_PASSPHRASE, never as an argument/);
    const r3 = await centre(['--db', v.c.path, 'export', '--out', join(work, 'y'), '--as', 'duty'], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r3.code).toBe(1);
    expect(r3.stderr).toMatch(/duty_officer\) may not export/);
    const r4 = await centre(['--db', v.c.path, 'export', '--since', 'x', '--out', join(work, 'z')], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r4.code).toBe(2);
  });

  it('with --hq --since, writes an HQ slice', async () => {
    const r = await centre(['--db', v.c.path, 'export', '--out', join(work, 'slice'), '--hq', '--since', '20'], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/an HQ slice .* entries 21–/s);
    expect(r.stdout).toMatch(/0 medical notes/);
  });

  it('refuses --since without --hq as a usage error, writing nothing', async () => {
    const out = join(work, 'since-alone');
    const r = await centre(['--db', v.c.path, 'export', '--out', out, '--since', '20'], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--since SEQ goes with --hq/);
    expect(existsSync(out)).toBe(false);
  });

  it('names --out when it is a file, not a folder', async () => {
    const file = join(work, 'out-file');
    writeFileSync(file, 'x');
    const r = await centre(['--db', v.c.path, 'export', '--out', file], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: --out: ${file} is a file, expected a new folder for the bundle\n`);
    const under = join(file, 'bundle');
    const r2 = await centre(['--db', v.c.path, 'export', '--out', under], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toMatch(new RegExp(`error: --out: ${under}: .*out-file is a file, not a folder\n$`));
  });
});

describe('centre verify', () => {
  it('exits 0 for an intact bundle, printing the verdict, the head and the counts', async () => {
    const r = await centre(['verify', bundle, '--passphrase-file', passFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^INTACT: Test Centre, inspection bundle, entries 1–\d+/);
    expect(r.stdout).toMatch(/head seq \d+ hash [0-9a-f]{64}/);
    expect(r.stdout).toMatch(/counts: \d+ entries, \d+ persons/);
  });

  it('exits 1 naming the failed step, and 2 for usage errors', async () => {
    const wrong = await centre(['verify', join(bundle, 'open-me.html')], { CENTRE_PASSPHRASE: 'a wrong passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/NOT INTACT/);
    expect(wrong.stderr).toMatch(/\[decryption\]/);
    expect((await centre(['verify', bundle])).code).toBe(2);
    expect((await centre(['verify'], { CENTRE_PASSPHRASE: PASSPHRASE })).code).toBe(2);
    expect((await centre(['verify', bundle, '--passphrase', 'x'])).code).toBe(2);
    const missing = await centre(['verify', join(work, 'nothing')], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such file or folder/);
  });

  it('names the passphrase file and what is wrong with it (exit 1)', async () => {
    const missing = join(work, 'no-pass');
    const r = await centre(['verify', bundle, '--passphrase-file', missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: --passphrase-file: ${missing} does not exist\n`);
    const folder = await centre(['verify', bundle, '--passphrase-file', work]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(`error: --passphrase-file: ${work} is a folder, expected a file holding the passphrase\n`);
  });

  it('prints JSON for scripts', async () => {
    const r = await centre(['verify', join(bundle, 'bundle.json'), '--json'], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ ok: true, failure: null, head: { seq: expect.any(Number) }, counts: { entries: expect.any(Number) } });
    expect(out.steps.map((s: { step: string }) => s.step)).toContain('projections');
  });

  it('saves a checkpoint, then says the journal extends it; a bad checkpoint file is refused (exit 1) by name', async () => {
    const cp = join(work, 'checkpoint.json');
    const saved = await centre(['verify', bundle, '--save-checkpoint', cp], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(saved.code).toBe(0);
    expect(JSON.parse(readFileSync(cp, 'utf8'))).toMatchObject({ format: 'centre-register-checkpoint', seq: expect.any(Number) });
    const r = await centre(['verify', bundle, '--checkpoint', cp], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/extends checkpoint seq \d+/);
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{"format":"nope"}');
    const wrong = await centre(['verify', bundle, '--checkpoint', bad], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(new RegExp(`^error: --checkpoint: ${bad}: `));
    const notJson = join(work, 'not-json.txt');
    writeFileSync(notJson, 'not json at all');
    const text = await centre(['verify', bundle, '--checkpoint', notJson], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(new RegExp(`^error: --checkpoint: ${notJson}: .*not valid JSON`));
    const none = await centre(['verify', bundle, '--checkpoint', join(work, 'no-checkpoint')], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(none.code).toBe(1);
    expect(none.stderr).toBe(`error: --checkpoint: ${join(work, 'no-checkpoint')} does not exist\n`);
    const folder = join(work, 'cp-folder');
    mkdirSync(folder);
    const save = await centre(['verify', bundle, '--save-checkpoint', folder], { CENTRE_PASSPHRASE: PASSPHRASE });
    expect(save.code).toBe(1);
    expect(save.stderr).toBe(`error: --save-checkpoint: ${folder} is a folder, expected a file to save the checkpoint in\n`);
  });
});

describe('centre viewer', () => {
  it('writes the bare viewer and prints its SHA-256, the one in the bundle’s README', async () => {
    const out = join(work, 'viewer.html');
    const r = await centre(['viewer', '--out', out]);
    expect(r.code).toBe(0);
    const hash = sha256Hex(readFileSync(out, 'utf8'));
    expect(r.stdout).toContain(`SHA-256 ${hash}`);
    expect(readFileSync(join(bundle, 'README.txt'), 'utf8')).toContain(hash);
    expect((await centre(['viewer'])).code).toBe(2);
    const folder = await centre(['viewer', '--out', work]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(`error: --out: ${work} is a folder, expected a file for the viewer\n`);
  });
});
