// HQ's migrations, listed statically like the centre's (db/migrations/index.ts).

import type { Migration } from '../../migrations/types.ts';
import { hqMigration0001 } from './0001-hq.ts';

export const hqMigrations: readonly Migration[] = [hqMigration0001];

export const HQ_LATEST_VERSION = hqMigrations[hqMigrations.length - 1]!.version;
