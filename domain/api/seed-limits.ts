// How large a synthetic centre may be made: the seed job, the command line and the first-run form
// all say and check the same limits.

export const SEED_MAX_PERSONS = 200_000;
export const SEED_MAX_YEARS = 50;
