import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCentre, ROLE_USERS, type TestCentre } from '../../test/support/harness.ts';
import { personInput } from '../../test/support/fixtures.ts';

let c: TestCentre;
beforeAll(() => {
  c = createTestCentre();
  // Enough people whose names start with "a" to take the common-prefix path (2,000 or more).
  const calls = [];
  for (let i = 0; i < 2600; i++) {
    calls.push({
      method: 'persons.register',
      input: personInput({
        familyName: i % 2 ? `Aliyev${i}` : `Babayev${i}`,
        givenNames: i % 3 ? 'Anar' : 'Rauf',
        nationality: i % 5 ? 'AZE' : 'IRN',
      }),
    });
  }
  c.service.batch(calls, { username: ROLE_USERS.registrar });
});
afterAll(() => c.close());

const ids = (rows: { personId: string }[]) => rows.map((r) => r.personId);

describe('register search', () => {
  it('finds by a prefix of any name word, in name order, common or rare prefix alike', () => {
    const common = c.call('register.search', { name: 'a', limit: 1000 });
    expect(common.more).toBe(true);
    expect(common.rows.every((r) => /^a/i.test(r.familyName) || /^a/i.test(r.givenNames))).toBe(true);
    const names = common.rows.map((r) => `${r.familyName} ${r.givenNames} ${r.personId}`);
    expect([...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(names);
    const rare = c.call('register.search', { name: 'aliyev13' });
    expect(rare.rows.map((r) => r.familyName).sort()).toEqual(
      ['Aliyev13', ...Array.from({ length: 10 }, (_, k) => `Aliyev13${k}`), ...Array.from({ length: 100 }, (_, k) => `Aliyev13${String(k).padStart(2, '0')}`)]
        .filter((n) => Number(n.slice(6)) < 2600 && Number(n.slice(6)) % 2 === 1)
        .sort(),
    );
  });

  it('combines words and filters, and pages without overlap', () => {
    const both = c.call('register.search', { name: 'rauf aliyev', nationality: 'IRN', limit: 1000 });
    expect(both.rows.length).toBeGreaterThan(0);
    expect(both.rows.every((r) => r.givenNames === 'Rauf' && r.familyName.startsWith('Aliyev') && r.nationality === 'IRN')).toBe(true);
    const page1 = c.call('register.search', { name: 'a', limit: 50, offset: 0 });
    const page2 = c.call('register.search', { name: 'a', limit: 50, offset: 50 });
    expect(ids(page1.rows).filter((id) => ids(page2.rows).includes(id))).toEqual([]);
  });

  it('pages after a row (keyset) exactly as offsets do, through the whole register, with filters', () => {
    for (const filters of [{}, { name: 'a' }, { nationality: 'IRN' }, { name: 'rauf' }] as const) {
      const all = c.call('register.search', { ...filters, limit: 1000 });
      const everyone = [...all.rows];
      let page = all;
      while (page.more) {
        page = c.call('register.search', { ...filters, limit: 1000, offset: everyone.length });
        everyone.push(...page.rows);
      }
      const byKey = [];
      let after: { familyName: string; givenNames: string; personId: string } | undefined;
      for (;;) {
        const next = c.call('register.search', { ...filters, limit: 333, ...(after ? { after } : {}) });
        byKey.push(...next.rows);
        const last = next.rows.at(-1);
        if (!next.more || !last) break;
        after = { familyName: last.familyName, givenNames: last.givenNames, personId: last.personId };
      }
      expect(ids(byKey)).toEqual(ids(everyone));
      expect(new Set(ids(byKey)).size).toBe(byKey.length);
    }
  });

  it('refuses a page given both after a row and an offset, naming the field', () => {
    const first = c.call('register.search', { limit: 1 }).rows[0]!;
    const after = { familyName: first.familyName, givenNames: first.givenNames, personId: first.personId };
    expect(() => c.call('register.search', { after, offset: 10 })).toThrow(/after/);
  });

  it('finds nobody for a prefix nobody has', () => {
    expect(c.call('register.search', { name: 'zzz' }).rows).toEqual([]);
  });
});
