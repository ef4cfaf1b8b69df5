// Node's file errors in words: each case made for real (the error Node throws), then said with the
// path and the flag, never as a bare code.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileProblem, pathProblem } from './files.ts';

let dir: string;
let folder: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'centre-files-'));
  folder = join(dir, 'folder');
  mkdirSync(folder);
  file = join(dir, 'file');
  writeFileSync(file, 'x');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('fileProblem', () => {
  it('says a folder was given for a file (EISDIR), with the flag and what was expected', () => {
    const err = thrown(() => readFileSync(folder, 'utf8'));
    expect(fileProblem(err, folder, { flag: '--receipt', kind: 'file', noun: 'a receipt file' })).toBe(`--receipt: ${folder} is a folder, expected a receipt file`);
  });

  it('says a file was given for a folder (ENOTDIR, EEXIST)', () => {
    const read = thrown(() => readFileSync(join(file, 'x')));
    expect(fileProblem(read, join(file, 'x'), { kind: 'file' })).toBe(`${join(file, 'x')}: ${file} is a file, not a folder`);
    const made = thrown(() => mkdirSync(file, { recursive: true }));
    expect((made as NodeJS.ErrnoException).code).toBe('EEXIST');
    expect(fileProblem(made, file, { flag: '--csv', kind: 'folder', noun: 'a folder for the CSV files' })).toBe(`--csv: ${file} is a file, expected a folder for the CSV files`);
  });

  it('says what is missing (ENOENT): the file, or its folder', () => {
    const missing = join(dir, 'missing');
    expect(fileProblem(thrown(() => readFileSync(missing)), missing, { flag: '--passphrase-file', kind: 'file' })).toBe(`--passphrase-file: ${missing} does not exist`);
    const deep = join(dir, 'no-folder', 'f.txt');
    expect(fileProblem(thrown(() => writeFileSync(deep, 'x')), deep, { kind: 'file' })).toBe(`${deep}: the folder ${join(dir, 'no-folder')} does not exist`);
  });

  it('says permission denied and keeps any other message, with the path', () => {
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    expect(fileProblem(denied, '/x/y', { kind: 'file' })).toBe('/x/y: permission denied');
    expect(fileProblem(new Error('odd'), '/x/y', { kind: 'file' })).toBe('/x/y: odd');
  });
});

describe('pathProblem', () => {
  it('finds nothing wrong with a file where a file is expected, nor with a new name in a folder', () => {
    expect(pathProblem(file, { kind: 'file' })).toBeNull();
    expect(pathProblem(join(folder, 'new'), { kind: 'folder' })).toBeNull();
  });
});
