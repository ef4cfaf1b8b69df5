// A person's file: identity and status history, the findings concerning them, then every stay with
// its orders and deadline, admission record, rights log, rooms, movements, measures and isolation,
// asylum claims, medical concerns and detention reviews; referrals and corrections last. Journal
// entry numbers link to the entry itself (the evidence).

import type { AgeAssessment } from '../../../domain/age.ts';
import { ageAt } from '../../../domain/age.ts';
import { jsonValue } from '../../../domain/replay/raw-json.ts';
import { label } from '../i18n/translate.ts';
import { personName } from '../model/data.ts';
import { admissionRecordView, interpreterOf, listOf, personFile, type StayFile } from '../model/person-file.ts';
import type { Ctx } from './context.ts';
import { facts, h, link, table } from './dom.ts';
import { entryLink, findingItem } from './evidence.ts';

function stayHeading(ctx: Ctx, s: StayFile): string {
  const p = s.placement;
  const when = p.endedAt
    ? ctx.t('person.stayEnded', { from: ctx.fmt.dateTime(p.admittedAt), to: ctx.fmt.dateTime(p.endedAt), reason: label(ctx.lang, 'endReason', p.endReason) })
    : ctx.t('person.stayOngoing', { from: ctx.fmt.dateTime(p.admittedAt) });
  return `${ctx.t('person.stay', { id: p.placementId, kind: label(ctx.lang, 'kind', p.kind) })} — ${when}`;
}

function renderStay(ctx: Ctx, s: StayFile): HTMLElement {
  const { lang, fmt, data } = ctx;
  const p = s.placement;
  const section = h('section', { class: 'stay', attrs: { 'data-placement': p.placementId } }, h('h3', null, stayHeading(ctx, s)));
  section.append(
    facts([
      [ctx.t('placement.kind'), label(lang, 'kind', p.kind)],
      [ctx.t('placement.admitted'), [fmt.dateTime(p.admittedAt), ' ', entryLink(p.seq)]],
      [ctx.t('placement.deadline'), p.deadline ? `${fmt.dateTime(p.deadline)} (${label(lang, 'basis', p.basis)})` : null],
      [ctx.t('placement.ended'), p.endedAt ? [fmt.dateTime(p.endedAt), ` — ${label(lang, 'endReason', p.endReason)} `, entryLink(p.endSeq)] : ctx.t('placement.ongoing')],
      [ctx.t('placement.outSince'), p.outSince ? fmt.dateTime(p.outSince) : null],
    ]),
  );
  if (s.orders.length) {
    section.append(
      table(
        ctx.t('placement.orders'),
        [ctx.t('order.basis'), ctx.t('order.authority'), ctx.t('order.reference'), ctx.t('order.issuedAt'), ctx.t('order.startsAt'), ctx.t('order.expiresAt'), ctx.t('common.entry')],
        s.orders.map((o) => [label(lang, 'basis', o.basis), o.authority, o.reference, fmt.dateTime(o.issuedAt), fmt.dateTime(o.startsAt), fmt.dateTime(o.expiresAt), entryLink(o.seq)]),
      ),
    );
  }
  const record = admissionRecordView(jsonValue(p.admission));
  if (record) {
    section.append(
      h(
        'details',
        { class: 'admission' },
        h('summary', null, ctx.t('admission.title')),
        facts([
          [ctx.t('admission.reasons'), record.reasons],
          [ctx.t('admission.authority'), record.authority],
          [ctx.t('admission.apprehension'), record.apprehensionPlace ? `${record.apprehensionPlace}${record.apprehensionAt ? `, ${fmt.dateTime(record.apprehensionAt)}` : ''}` : null],
          [ctx.t('admission.injuries'), record.visibleInjuries],
          [ctx.t('admission.illTreatment'), record.illTreatmentAllegation],
          [ctx.t('admission.clothing'), record.ownClothingOrCivilian === null ? null : record.ownClothingOrCivilian ? ctx.t('admission.ownClothing') : ctx.t('admission.notOwnClothing')],
          [ctx.t('admission.property'), record.property.length ? record.property.map((x) => `${x.item}${x.quantity && x.quantity > 1 ? ` × ${x.quantity}` : ''}${x.note ? ` (${x.note})` : ''}`).join('; ') : null],
          [
            ctx.t('admission.family'),
            record.familyMembers.length
              ? record.familyMembers.map((x) => `${x.name} (${x.relation}${x.age !== null ? `, ${x.age}` : ''})${x.whereabouts ? `: ${x.whereabouts}` : ''}`).join('; ')
              : null,
          ],
          [ctx.t('admission.emergencyContact'), record.emergencyContact ? [record.emergencyContact.name, record.emergencyContact.relation, record.emergencyContact.phone].filter(Boolean).join(', ') : null],
          [
            ctx.t('admission.screening'),
            record.screening
              ? [
                  record.screening.vulnerabilities.map((v) => label(lang, 'vulnerability', v)).join(', ') || ctx.t('admission.noVulnerability'),
                  record.screening.indicators.length ? `; ${ctx.t('person.traffickingIndicators')}: ${record.screening.indicators.map((v) => label(lang, 'trafficking', v)).join(', ')}` : '',
                  record.screening.asylumIntent ? `; ${ctx.t('admission.asylumIntent')}` : '',
                  record.screening.notes ? `; ${record.screening.notes}` : '',
                ].join('')
              : null,
          ],
          [ctx.t('admission.alternatives'), record.alternativesNotUsedBecause],
        ]),
      ),
    );
  }
  section.append(
    s.rights.length
      ? table(
          ctx.t('rights.log'),
          [ctx.t('common.when'), ctx.t('rights.right'), ctx.t('rights.state'), ctx.t('rights.language'), ctx.t('rights.version'), ctx.t('rights.interpreter'), ctx.t('rights.detail'), ctx.t('common.recordedBy'), ctx.t('common.entry')],
          s.rights.map((r) => {
            const interpreter = interpreterOf(r.interpreter);
            const note = data.note(r.detailRef);
            return [
              fmt.dateTime(r.at),
              label(lang, 'right', r.rightKind),
              label(lang, 'rightState', r.state),
              r.language ?? '—',
              r.version ?? '—',
              interpreter ? `${label(lang, 'interpretation', interpreter.mode)}${interpreter.name ? `: ${interpreter.name}` : ''}` : ctx.t('rights.noInterpreter'),
              note ? h('span', null, r.detail, r.detail ? ' ' : '', h('span', { class: 'medical' }, `${ctx.t('common.medicalNote')}: ${note}`)) : r.detail,
              data.actorName(r.actor),
              entryLink(r.seq),
            ];
          }),
          'rights',
        )
      : h('p', { class: 'empty' }, ctx.t('rights.none')),
  );
  if (s.rooms.length) {
    section.append(
      table(
        ctx.t('person.rooms'),
        [ctx.t('room.room'), ctx.t('common.from'), ctx.t('common.to'), ctx.t('common.recordedBy'), ctx.t('common.entry')],
        s.rooms.map((r) => [r.roomName, fmt.dateTime(r.assignment.fromTime), r.assignment.toTime ? fmt.dateTime(r.assignment.toTime) : '—', data.actorName(r.assignment.actor), entryLink(r.assignment.seq)]),
      ),
    );
  }
  if (s.movements.length) {
    section.append(
      table(
        ctx.t('person.movements'),
        [ctx.t('common.when'), ctx.t('movement.direction'), ctx.t('movement.purpose'), ctx.t('common.entry')],
        s.movements.map((m) => [fmt.dateTime(m.at), label(lang, 'direction', m.direction), m.purpose, entryLink(m.seq)]),
      ),
    );
  }
  if (s.measures.length) {
    section.append(
      table(
        ctx.t('person.measures'),
        [ctx.t('measure.kind'), ctx.t('measure.measure'), ctx.t('common.reason'), ctx.t('measure.authorisedBy'), ctx.t('common.from'), ctx.t('common.to'), ctx.t('measure.reviews'), ctx.t('common.entry')],
        s.measures.map(({ measure: m, reviews }) => [
          label(lang, 'measureKind', m.kind),
          m.measure,
          m.reason,
          m.authorisedBy ? `${m.authorisedBy}${m.authorisedAt ? ` (${fmt.dateTime(m.authorisedAt)})` : ''}` : ctx.t('measure.notAuthorised'),
          fmt.dateTime(m.startAt),
          m.endAt ? fmt.dateTime(m.endAt) : ctx.t('placement.ongoing'),
          reviews.length ? reviews.map((r) => `${fmt.dateTime(r.at)}: ${label(lang, 'measureOutcome', r.outcome)}${r.note ? ` — ${r.note}` : ''}`).join('; ') : '—',
          entryLink(m.seq),
        ]),
      ),
    );
  }
  if (s.claims.length) {
    section.append(
      table(
        ctx.t('person.claims'),
        [ctx.t('common.when'), ctx.t('common.note'), ctx.t('claim.resolvedAt'), ctx.t('claim.resolution'), ctx.t('common.entry')],
        s.claims.map((c) => [fmt.dateTime(c.at), c.note, c.resolvedAt ? fmt.dateTime(c.resolvedAt) : ctx.t('claim.open'), label(lang, 'claimResolution', c.resolution), entryLink(c.seq)]),
      ),
    );
  }
  if (s.concerns.length || s.detentionReviews.length) {
    section.append(
      table(
        ctx.t('person.medical'),
        [ctx.t('common.when'), ctx.t('common.kind'), ctx.t('medical.reviewDue'), ctx.t('common.medicalNote'), ctx.t('common.entry')],
        [
          ...s.concerns.map((c) => [fmt.dateTime(c.at), label(lang, 'concernKind', data.concernKind(c)), fmt.dateTime(c.reviewDue), data.note(c.noteRef) ?? '—', entryLink(c.seq)]),
          ...s.detentionReviews.map((r) => [fmt.dateTime(r.at), `${ctx.t('medical.detentionReview')}: ${label(lang, 'reviewOutcome', r.outcome)}`, '—', data.note(r.noteRef) ?? '—', entryLink(r.seq)]),
        ],
      ),
    );
  }
  return section;
}

export function renderPerson(ctx: Ctx, personId: string): HTMLElement {
  const { lang, fmt, data } = ctx;
  const file = personFile(data, personId);
  const section = h('section', { id: 'person', class: 'screen' });
  section.append(h('p', { class: 'no-print' }, link('register', ctx.t('person.back'))));
  if (!file) {
    section.append(h('h2', null, ctx.t('person.notFound', { id: personId })));
    return section;
  }
  const p = file.person;
  const age = ageAt({ birthDate: p.birthDate, claimedAge: p.claimedAge, claimedAgeOn: p.claimedAgeOn, ageAssessment: p.ageAssessment as AgeAssessment }, data.exportedAt, data.timeZone);
  section.append(
    h('h2', null, personName(p), p.nameOriginal ? h('span', { class: 'original', attrs: { dir: 'auto' } }, ` ${p.nameOriginal}`) : null),
    h('p', { class: p.present ? 'present' : 'muted' }, p.present ? ctx.t('person.presentAtExport') : ctx.t('person.notPresentAtExport')),
    h('h3', null, ctx.t('person.identity')),
    facts([
      [ctx.t('person.id'), h('span', { class: 'mono' }, p.personId)],
      [ctx.t('person.familyName'), p.familyName],
      [ctx.t('person.givenNames'), p.givenNames],
      [ctx.t('person.nameOriginal'), p.nameOriginal ? h('span', { attrs: { dir: 'auto' } }, p.nameOriginal) : null],
      [ctx.t('person.sex'), label(lang, 'sex', p.sex)],
      [ctx.t('person.birthDate'), p.birthDate ? fmt.calendarDate(p.birthDate) : null],
      [ctx.t('person.claimedAge'), p.claimedAge !== null ? ctx.t('person.claimedAgeOn', { age: p.claimedAge, date: fmt.calendarDate(p.claimedAgeOn) }) : null],
      [ctx.t('person.ageAtExport'), age !== null ? String(age) : null],
      [ctx.t('person.ageAssessment'), label(lang, 'ageAssessment', p.ageAssessment)],
      [ctx.t('person.nationality'), p.stateless ? ctx.t('person.stateless') : p.nationality],
      [ctx.t('person.languages'), listOf(p.languages).join(', ') || null],
      [ctx.t('person.interpreterNeeded'), p.interpreterNeeded ? ctx.t('common.yes') : ctx.t('common.no')],
      [ctx.t('person.status'), label(lang, 'status', p.status)],
      [ctx.t('person.unaccompanied'), p.unaccompanied ? ctx.t('common.yes') : null],
      [ctx.t('person.familyGroup'), p.familyGroup],
      [ctx.t('person.vulnerabilities'), listOf(p.vulnerabilities).map((v) => label(lang, 'vulnerability', v)).join(', ') || null],
      [ctx.t('person.traffickingIndicators'), listOf(p.traffickingIndicators).map((v) => label(lang, 'trafficking', v)).join(', ') || null],
      [ctx.t('person.alerts'), listOf(p.alerts).join('; ') || null],
      [ctx.t('person.registered'), entryLink(p.registeredSeq)],
    ]),
    table(
      ctx.t('person.statusHistory'),
      [ctx.t('person.status'), ctx.t('common.from'), ctx.t('common.reason'), ctx.t('common.entry')],
      file.statusHistory.map((s) => [label(lang, 'status', s.status), fmt.dateTime(s.at), s.reason, entryLink(s.seq)]),
    ),
  );
  section.append(
    h('h3', null, ctx.t('person.findingsNow', { count: file.currentFindings.length })),
    file.currentFindings.length ? h('ul', { class: 'findings' }, ...file.currentFindings.map((f) => findingItem(ctx, f, false))) : h('p', { class: 'empty' }, ctx.t('person.noFindings')),
  );
  const past = file.historyFindings.filter((f) => f.to !== null);
  if (past.length) {
    section.append(
      h('details', { class: 'past-findings' }, h('summary', null, ctx.t('person.findingsPast', { count: past.length })), h('ul', { class: 'findings' }, ...past.map((f) => findingItem(ctx, f, false)))),
    );
  }
  section.append(h('h3', null, ctx.t('person.stays', { count: file.stays.length })));
  if (!file.stays.length) section.append(h('p', { class: 'empty' }, ctx.t('person.noStays')));
  for (const s of file.stays) section.append(renderStay(ctx, s));
  if (file.referrals.length) {
    section.append(
      table(
        ctx.t('person.referrals'),
        [ctx.t('common.when'), ctx.t('referral.kind'), ctx.t('referral.to'), ctx.t('common.note'), ctx.t('common.entry')],
        file.referrals.map((r) => [fmt.dateTime(r.at), label(lang, 'referralKind', r.kind), r.toWhom, r.note, entryLink(r.seq)]),
      ),
    );
  }
  if (file.corrections.length) {
    section.append(
      table(
        ctx.t('person.corrections'),
        [ctx.t('common.when'), ctx.t('common.recordedBy'), ctx.t('common.reason'), ctx.t('correction.changes'), ctx.t('common.entry')],
        file.corrections.map((c) => [
          fmt.dateTime(c.at),
          data.actorName(c.actor),
          c.reason,
          c.changes.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`).join('; '),
          entryLink(c.seq),
        ]),
      ),
    );
  }
  return section;
}
