// Listed statically, not found by scanning a folder: bundlers break directory scans, and the list
// is the one place that says which schema this build of the app understands.

import { migration0001 } from './0001-journal-and-register.ts';
import { migration0002 } from './0002-lean-write-path.ts';
import { migration0003 } from './0003-room-versions.ts';
import { migration0004 } from './0004-rights-covering-index.ts';
import { migration0005 } from './0005-hq-acknowledgements.ts';
import { migration0006 } from './0006-audit-reads.ts';
import type { Migration } from './types.ts';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];

export const LATEST_VERSION = migrations[migrations.length - 1]!.version;
