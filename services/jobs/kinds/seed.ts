// `seed`: fill a fresh database with a synthetic register (services/seed/seed.ts), for
// demonstrations and benches. Allowed only before the centre is set up, as the seeder itself
// requires an empty database. Cancelling stops at the next progress report; the chunks already
// committed stay (a partial but consistent history), which for a demonstration centre is fine.

import { z } from 'zod';
import { SEED_MAX_PERSONS, SEED_MAX_YEARS } from '../../../domain/api/seed-limits.ts';
import { isInstant, normaliseInstant, toIso } from '../../../domain/time.ts';
import { reason } from '../../../domain/reasons.ts';
import { ApiError } from '../../errors.ts';
import { registerJob } from '../registry.ts';

const seedInput = z
  .object({
    persons: z.number().int().min(1).max(SEED_MAX_PERSONS),
    years: z.number().positive().max(SEED_MAX_YEARS).default(10),
    rngSeed: z.number().int().min(0).default(1),
    /** When the history ends; default: now on the server's clock. */
    end: z.string().refine(isInstant, 'an ISO-8601 instant with a zone').optional(),
  })
  .strict();

registerJob(
  'seed',
  async (input, progress, _signal, { db, service }) => {
    // Loaded only when a seed runs: the seeder is large and nothing else needs it.
    const { seedCentre, SeedError } = await import('../../seed/seed.ts');
    try {
      return seedCentre(db, {
        persons: input.persons,
        years: input.years,
        rngSeed: input.rngSeed,
        end: input.end ? normaliseInstant(input.end) : toIso(service.clock()),
        onProgress: progress,
      });
    } catch (err) {
      // The seeder's own refusals (bad options, a database that is not empty) are the caller's to fix.
      if (err instanceof SeedError) throw new ApiError('refused', [reason('input.invalid', undefined, { detail: err.message })]);
      throw err;
    }
  },
  { input: seedInput, access: 'before-setup' },
);
