import { computeFindings, summariseFindings } from '../../domain/findings/engine.ts';
import type { FindingsResult } from '../../domain/api/outputs.ts';
import type { Finding } from '../../domain/findings/types.ts';
import { seesMedicalDetails } from '../../domain/roles.ts';
import type { Instant } from '../../domain/time.ts';
import { journalHead, verifyJournal } from '../../db/journal/writer.ts';
import { loadFindingsInput } from '../../db/queries/findings-facts.ts';
import { inspections } from '../../db/queries/inspections.ts';
import { journalEntryView, personFile } from '../../db/queries/person-file.ts';
import { populationSeries, stayLengths } from '../../db/queries/charts.ts';
import { deadlines, population, roomBoard, search } from '../../db/queries/register.ts';
import { kysely } from '../../db/sql.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Handlers } from './types.ts';

type ReadMethods =
  | 'inspections.list'
  | 'findings.current'
  | 'findings.history'
  | 'register.population'
  | 'register.search'
  | 'register.personFile'
  | 'register.roomBoard'
  | 'register.deadlines'
  | 'register.populationSeries'
  | 'register.stayLengths'
  | 'journal.head'
  | 'journal.verify'
  | 'journal.entries';

export function findingsAt(ctx: Ctx, at: Instant, mode: 'current' | 'history'): FindingsResult {
  const findings = computeFindings(loadFindingsInput(ctx.sql, ctx.centre, at, mode));
  return { at, mode, findings, ...summariseFindings(findings) };
}

export const readHandlers: Handlers<ReadMethods> = {
  'inspections.list': (ctx, input) => inspections(ctx.sql, input.at ?? ctx.now),
  'findings.current': (ctx, input) => findingsAt(ctx, input.at ?? ctx.now, 'current'),
  'findings.history': (ctx, input) => findingsAt(ctx, input.at ?? ctx.now, 'history'),
  'register.population': (ctx, input) => population(ctx.sql, ctx.centre, input.at ?? ctx.now),
  'register.search': (ctx, input) => search(ctx.sql, input),
  'register.personFile': (ctx, input) => {
    const file = personFile(ctx.sql, input.personId, seesMedicalDetails(ctx.actor.role));
    if (!file) throw notFound('person.not_found', 'personId', input.personId);
    const facts = loadFindingsInput(ctx.sql, ctx.centre, ctx.now, 'history', input.personId);
    const findings: Finding[] = computeFindings(facts).filter((f) => f.personIds.includes(input.personId));
    return { ...file, findings };
  },
  'register.roomBoard': (ctx, input) => roomBoard(ctx.sql, ctx.centre, input.at ?? ctx.now),
  'register.deadlines': (ctx, input) => deadlines(ctx.sql, input.at ?? ctx.now),
  'register.populationSeries': (ctx, input) => populationSeries(ctx.sql, input.at ?? ctx.now, input.days, input.stepDays),
  'register.stayLengths': (ctx, input) => stayLengths(ctx.sql, input.at ?? ctx.now, input.days),
  'journal.head': (ctx) => journalHead(ctx.db),
  'journal.verify': (ctx) => verifyJournal(ctx.db),
  'journal.entries': (ctx, input) =>
    ctx.sql
      .all(
        kysely
          .selectFrom('journal')
          .select(['seq', 'event_time', 'recorded_time', 'actor', 'type', 'corrects', 'payload', 'hash'])
          .where('seq', '>=', input.fromSeq)
          .orderBy('seq')
          .limit(input.limit),
      )
      .map(journalEntryView),
};
