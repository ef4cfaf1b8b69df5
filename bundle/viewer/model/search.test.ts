// The register's search over the replayed register: names in any script with accents folded,
// register numbers, presence, status and nationality, a page at a time.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVariedCentre, type VariedCentre } from '../../../test/support/varied-centre.ts';
import { viewerDataOf } from '../../../test/support/viewer-data.ts';
import { DEFAULT_QUERY, fold, RegisterSearch } from './search.ts';

let v: VariedCentre;
let s: RegisterSearch;
beforeAll(() => {
  v = createVariedCentre(3);
  s = new RegisterSearch(viewerDataOf(v.c));
});
afterAll(() => v?.c.close());

const q = (over: Partial<typeof DEFAULT_QUERY>) => s.search({ ...DEFAULT_QUERY, ...over });
const names = (over: Partial<typeof DEFAULT_QUERY>) => q(over).rows.map((r) => r.person.familyName);

describe('the register search', () => {
  it('folds case and Azerbaijani letters: "hasanova" finds Həsənova', () => {
    expect(fold('Həsənova İsmayıl')).toBe('hesenova ismayil');
    expect(names({ text: 'hesenova' })).toEqual(['Həsənova', 'Həsənova 1', 'Həsənova 2']);
    expect(names({ text: 'LEYLA HƏSƏNOVA' })).toEqual(['Həsənova', 'Həsənova 1', 'Həsənova 2']);
    expect(names({ text: 'hesenova karimov' })).toEqual([]);
  });

  it('finds a name in its original script, and a register number', () => {
    expect(names({ text: 'رحیمی' })).toEqual(['Rahimi', 'Rahimi 1', 'Rahimi 2']);
    const someone = q({}).rows[4]!.person;
    expect(q({ text: someone.personId.toLowerCase() }).rows.map((r) => r.person.personId)).toContain(someone.personId);
  });

  it('filters by presence at export, status and nationality', () => {
    expect(names({ presence: 'present' })).toEqual([v.presentFamilyName]);
    expect(q({ presence: 'past' }).total).toBe(q({}).total - 1);
    expect(names({ status: 'asylum_seeker' })).toEqual(['Rahimi', 'Rahimi 1', 'Rahimi 2']);
    expect(names({ nationality: 'IRN' })).toEqual(['Həsənova', 'Həsənova 1', 'Həsənova 2']);
    expect(q({ nationality: 'stateless' }).total).toBe(0);
  });

  it('counts stays and pages through the matches', () => {
    const all = q({ pageSize: 4 });
    expect(all.total).toBe(9);
    expect(all.pages).toBe(3);
    expect(q({ pageSize: 4, page: 2 }).rows).toHaveLength(1);
    expect(q({ pageSize: 4, page: 99 }).page).toBe(2);
    expect(q({ text: 'Karimov 1' }).rows[0]!.stays).toBe(1);
  });
});
