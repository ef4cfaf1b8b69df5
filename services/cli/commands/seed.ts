// `centre seed --persons N [--years Y] [--rng-seed S]`: a synthetic register for demos and benches.
// The seeder is loaded only when asked for, so the rest of the command line works without it.

import type { Db } from '../../../db/connection.ts';
import type { Invocation } from '../args.ts';
import type { Io } from '../io.ts';
import { CliError, openCentreDb, withDbCreated } from './open.ts';

interface SeedOptions {
  persons: number;
  years: number;
  rngSeed: number;
  end?: string;
  onProgress?: (done: number, total: number) => void;
}

interface SeedSummary {
  entries: number;
  persons: number;
  placements: number;
  seconds: number;
}

interface SeedModule {
  seedCentre(db: Db, options: SeedOptions): SeedSummary | Promise<SeedSummary>;
}

const SEEDER = new URL('../../seed/seed.ts', import.meta.url).href;

async function loadSeeder(): Promise<SeedModule> {
  let mod: Partial<SeedModule>;
  try {
    mod = (await import(/* @vite-ignore */ SEEDER)) as Partial<SeedModule>;
  } catch (err) {
    throw new CliError(`the seeder (services/seed/seed.ts) could not be loaded: ${(err as Error).message}`);
  }
  if (typeof mod.seedCentre !== 'function') throw new CliError('services/seed/seed.ts does not export seedCentre');
  return mod as SeedModule;
}

/** Reports progress at most once a second, and always the end. */
function progressReporter(io: Io, now: () => number = Date.now): (done: number, total: number) => void {
  let last = -Infinity;
  return (done, total) => {
    const t = now();
    if (done < total && t - last < 1000) return;
    last = t;
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    io.stderr.write(`seeding: ${done}/${total} (${pct}%)\n`);
  };
}

export async function seed(
  inv: Invocation,
  cmd: { persons: number; years: number; rngSeed: number },
  io: Io,
): Promise<number> {
  const { seedCentre } = await loadSeeder();
  // The seeder commits in several transactions (the setup, then chunks of entries): a failure into a
  // database made here removes it; into one that existed, what was committed stays.
  return withDbCreated(inv.db, () => openCentreDb(inv.db), async (db) => {
    const options: SeedOptions = {
      persons: cmd.persons,
      years: cmd.years,
      rngSeed: cmd.rngSeed,
      onProgress: progressReporter(io),
    };
    if (inv.clock) options.end = inv.clock;
    const r = await seedCentre(db, options);
    io.stdout.write(
      `seeded ${r.persons} persons, ${r.placements} placements, ${r.entries} journal entries in ${r.seconds.toFixed(1)} s\n`,
    );
    return 0;
  });
}
