// HQ mode shows codes by their labels: every finding code, every verification step, every column of
// the report's tables (those without a label of their own) has one, in each language.

import { describe, expect, it } from 'vitest';
import type { HqReport } from '../../../domain/api/hq-outputs.ts';
import { FINDING_CODES } from '../../../domain/findings/types.ts';
import { reportTables } from '../../../domain/hq/tables.ts';
import { hasKey, UI_LANGUAGES } from '../core.ts';

const STEPS = ['envelope', 'signature', 'data', 'decryption', 'container', 'chain', 'projections', 'medical-notes', 'checkpoint'];
const empty: HqReport = {
  at: '2026-01-01T00:00:00.000Z',
  centres: [],
  national: {} as HqReport['national'],
  populationSeries: { months: [], byCentre: [], national: [] },
  byBasis: [],
  stayLengths: { bucketsHours: [24], byBasis: [] },
  findings: [],
  overdueRecommendations: [],
};

describe.each(UI_LANGUAGES)('HQ labels in %s', (lang) => {
  it('name every finding code, step and column', () => {
    const columns = reportTables(empty).flatMap((t) => t.columns.filter((c) => c.label === undefined).map((c) => `hq.col.${c.key}`));
    const keys = [...FINDING_CODES.map((c) => `findingCode.${c}`), ...STEPS.map((s) => `hq.step.${s}`), ...columns, 'hq.col.length', 'hq.col.month'];
    expect(keys.filter((k) => !hasKey(lang, k))).toEqual([]);
    expect(columns.length).toBeGreaterThan(20);
  });
});
