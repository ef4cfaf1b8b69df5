// Node's file errors said in words, with the path the person typed: "--receipt: /tmp/d is a folder,
// expected a receipt file" rather than "EISDIR: illegal operation on a directory, read". Node's
// codes name the system call that failed, not the mistake; the file system itself is asked what is
// at the path, so that the message says which of file, folder or missing parent is the trouble.

import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Expected {
  /** The flag that named the path, leading the message ("--receipt"). */
  flag?: string;
  kind: 'file' | 'folder';
  /** What the path should be, in words (default "a file" or "a folder"). */
  noun?: string;
}

type Found = 'file' | 'folder' | null;

function found(path: string): Found {
  try {
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return null;
    return s.isDirectory() ? 'folder' : 'file';
  } catch {
    return null;
  }
}

/** The nearest existing ancestor of `path` when it is a file (so nothing can be made under it). */
function fileAncestor(path: string): string | null {
  let p = resolve(path);
  for (;;) {
    const parent = dirname(p);
    if (parent === p) return null;
    p = parent;
    const f = found(p);
    if (f === 'file') return p;
    if (f === 'folder') return null;
  }
}

/**
 * What is wrong with `path`, judged from what is (or is not) there, or null when nothing is
 * visibly wrong: a folder where a file should be or the reverse, a parent that is a file, a
 * missing parent folder.
 */
export function pathProblem(path: string, expected: Expected): string | null {
  const noun = expected.noun ?? `a ${expected.kind}`;
  const f = found(path);
  if (f === 'folder' && expected.kind === 'file') return `${path} is a folder, expected ${noun}`;
  if (f === 'file' && expected.kind === 'folder') return `${path} is a file, expected ${noun}`;
  if (f !== null) return null;
  const blocker = fileAncestor(path);
  if (blocker !== null) return `${path}: ${blocker} is a file, not a folder`;
  if (found(dirname(resolve(path))) === null) return `${path}: the folder ${dirname(path)} does not exist`;
  return null;
}

/** A file-system error about `path` in words, led by the flag that named it; never a bare code. */
export function fileProblem(err: unknown, path: string, expected: Expected): string {
  const lead = expected.flag ? `${expected.flag}: ` : '';
  const code = (err as NodeJS.ErrnoException | null)?.code;
  const inWords = (): string => {
    switch (code) {
      case 'ENOENT':
        return pathProblem(path, expected) ?? `${path} does not exist`;
      case 'EISDIR':
      case 'ENOTDIR':
        return pathProblem(path, expected) ?? `${path} is not ${expected.noun ?? `a ${expected.kind}`}`;
      case 'EEXIST':
        return pathProblem(path, expected) ?? `${path} already exists`;
      case 'EACCES':
      case 'EPERM':
        return `${path}: permission denied`;
      case 'EROFS':
        return `${path} is on a read-only disk`;
      case 'ENOSPC':
        return `${path}: the disk is full`;
      case 'ENAMETOOLONG':
        return `${path}: the name is too long`;
      default:
        return `${path}: ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  return lead + inWords();
}
