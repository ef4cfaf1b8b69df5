// The one API contract: every method's name, kind, roles, input schema and output type. Electron IPC,
// the loopback HTTP transport, the CLI and the tests all go through it; inputs are parsed once, at the
// boundary, with these schemas.

import type { z } from 'zod';
import type { Role } from '../roles.ts';
import * as I from './inputs.ts';
import * as IE from './inputs-exports.ts';
import type * as O from './outputs.ts';

export type MethodKind = 'read' | 'write' | 'session';

export interface MethodSpec<In extends z.ZodType = z.ZodType, Out = unknown> {
  kind: MethodKind;
  /** Who may call it; session methods (sign-in, first-run set-up) need no account. */
  roles: readonly Role[];
  summary: string;
  input: In;
  /** Phantom: carries the output type; never set at run time. */
  readonly output?: Out;
}

function m<Out>() {
  return <In extends z.ZodType>(spec: Omit<MethodSpec<In, Out>, 'output'>): MethodSpec<In, Out> => spec;
}

const STAFF: readonly Role[] = ['head_of_centre', 'registrar', 'duty_officer', 'medical_officer'];
const EVERYONE: readonly Role[] = [...STAFF, 'inspector'];
const HEAD: readonly Role[] = ['head_of_centre'];
const REGISTRY: readonly Role[] = ['head_of_centre', 'registrar'];
const FLOOR: readonly Role[] = ['head_of_centre', 'registrar', 'duty_officer'];
const NOBODY: readonly Role[] = [];

export const contract = {
  // centre
  'centre.get': m<O.CentreView>()({ kind: 'session', roles: NOBODY, summary: 'The centre’s name, time zone and legal profile, or that it is not yet set up.', input: I.empty }),
  'centre.setup': m<O.Session>()({ kind: 'session', roles: NOBODY, summary: 'First run: create the centre and its first head-of-centre account. Refused once the centre exists.', input: I.centreSetup }),

  // accounts
  'accounts.signIn': m<O.Session>()({ kind: 'session', roles: NOBODY, summary: 'Sign in; repeated failures lock the account for a while.', input: I.signIn }),
  'accounts.signOut': m<{ ok: true }>()({ kind: 'read', roles: EVERYONE, summary: 'End the current session.', input: I.empty }),
  'accounts.me': m<O.AccountView>()({ kind: 'read', roles: EVERYONE, summary: 'The signed-in account.', input: I.empty }),
  'accounts.list': m<O.AccountView[]>()({ kind: 'read', roles: HEAD, summary: 'All staff and inspector accounts.', input: I.empty }),
  'accounts.create': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Create an account with a role and an initial password.', input: I.accountCreate }),
  'accounts.change': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Change an account’s name or role, or disable it.', input: I.accountChange }),
  'accounts.setPassword': m<{ ok: true }>()({ kind: 'write', roles: EVERYONE, summary: 'Set a password: one’s own, or anyone’s for the head of centre. Not journaled: credentials are not register data.', input: I.accountSetPassword }),

  // persons
  'persons.register': m<O.WriteResult>()({ kind: 'write', roles: REGISTRY, summary: 'Register a person: identity, age evidence, nationality, languages, status, vulnerabilities, trafficking indicators.', input: I.personRegister }),
  'persons.correct': m<O.WriteResult>()({ kind: 'write', roles: REGISTRY, summary: 'Correct a person’s identity data: a new entry pointing at the one it corrects, never an edit.', input: I.personCorrect }),
  'persons.setStatus': m<O.WriteResult>()({ kind: 'write', roles: REGISTRY, summary: 'Record a change of status (e.g. recognised as a refugee).', input: I.personSetStatus }),

  // placements
  'placements.check': m<{ ok: boolean; reasons: import('../reasons.ts').Reason[]; deadline: string | null }>()({ kind: 'read', roles: EVERYONE, summary: 'Dry run of an admission: the computed deadline and every refusal reason, writing nothing.', input: I.placementAdmit }),
  'placements.admit': m<O.AdmitResult>()({ kind: 'write', roles: REGISTRY, summary: 'Admit a person, voluntarily or forcibly with its order, with the admission record (Mandela Rule 7).', input: I.placementAdmit }),
  'placements.addOrder': m<O.AdmitResult>()({ kind: 'write', roles: REGISTRY, summary: 'Add an order to a forced placement (an extension is a new order, never an edit).', input: I.placementAddOrder }),
  'placements.end': m<O.WriteResult>()({ kind: 'write', roles: REGISTRY, summary: 'End a placement: release, removal, transfer, to asylum premises, …', input: I.placementEnd }),

  // rooms
  'rooms.define': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Define a room with its capacity, floor area and categories.', input: I.roomDefine }),
  'rooms.update': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Change a room; categories may not change under occupants they would exclude.', input: I.roomUpdate }),
  'rooms.assign': m<O.WriteResult>()({ kind: 'write', roles: FLOOR, summary: 'Assign or move a placed person to a room; refused where it mixes categories.', input: I.roomAssign }),

  // movements
  'movements.record': m<O.WriteResult>()({ kind: 'write', roles: FLOOR, summary: 'Record a voluntary resident leaving the centre or coming back (never an escape).', input: I.movementRecord }),

  // rights
  'rights.record': m<O.WriteResult>()({ kind: 'write', roles: STAFF, summary: 'Record a right offered, exercised or declined, with language and interpreter for information on rights.', input: I.rightRecord }),

  // protection
  'protection.claimAsylum': m<O.WriteResult>()({ kind: 'write', roles: FLOOR, summary: 'Record a claim for asylum made during a stay; flagged until resolved.', input: I.asylumClaim }),
  'protection.resolveClaim': m<O.WriteResult>()({ kind: 'write', roles: REGISTRY, summary: 'Resolve an asylum claim (release or transfer to asylum premises, …).', input: I.asylumResolve }),
  'protection.refer': m<O.WriteResult>()({ kind: 'write', roles: FLOOR, summary: 'Record a referral: guardianship authority, child-care institution, police anti-trafficking unit.', input: I.referralMake }),

  // measures
  'measures.start': m<O.WriteResult>()({ kind: 'write', roles: FLOOR, summary: 'Start a disciplinary measure or isolation.', input: I.measureStart }),
  'measures.authorise': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Authorise a measure started in urgency.', input: I.measureAuthorise }),
  'measures.review': m<O.WriteResult>()({ kind: 'write', roles: ['head_of_centre', 'medical_officer'], summary: 'Review a measure: continue or end.', input: I.measureReview }),
  'measures.end': m<O.WriteResult>()({ kind: 'write', roles: FLOOR, summary: 'End a measure.', input: I.measureEnd }),

  // medical
  'medical.raiseConcern': m<O.WriteResult>()({ kind: 'write', roles: ['medical_officer'], summary: 'Record a medical concern (health harmed by detention, risk of self-harm, possible torture victim); opens a detention review with a deadline.', input: I.medicalConcern }),
  'medical.reviewDetention': m<O.WriteResult>()({ kind: 'write', roles: ['head_of_centre', 'medical_officer'], summary: 'Record the detention review a medical concern called for.', input: I.detentionReview }),

  // inspections
  'inspections.recordVisit': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Record an inspection visit: body, inspectors, dates. Never whom they interviewed.', input: I.inspectionVisit }),
  'inspections.recommend': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Record a recommendation with its response deadline.', input: I.inspectionRecommend }),
  'inspections.respond': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Record the centre’s response to a recommendation.', input: I.inspectionRespond }),
  'inspections.list': m<import('./outputs-inspections.ts').InspectionsView>()({ kind: 'read', roles: EVERYONE, summary: 'Visits, recommendations with due dates, responses; overdue ones marked.', input: I.atOnly }),

  // findings
  'findings.current': m<O.FindingsResult>()({ kind: 'read', roles: EVERYONE, summary: 'Rule findings that hold at an instant (default: now).', input: I.atOnly }),
  'findings.history': m<O.FindingsResult>()({ kind: 'read', roles: EVERYONE, summary: 'Full audit up to an instant: every past breach with its interval.', input: I.historyRange }),

  // register (read models)
  'register.population': m<O.Population>()({ kind: 'read', roles: EVERYONE, summary: 'Who is present at an instant, with categories, room and deadline.', input: I.atOnly }),
  'register.search': m<O.SearchResult>()({ kind: 'read', roles: EVERYONE, summary: 'Search people by name prefix, nationality, status, basis, room, presence.', input: I.registerSearch }),
  'register.personFile': m<O.PersonFile>()({ kind: 'read', roles: EVERYONE, summary: 'Everything about one person: identity, status history, placements, orders, rights, movements, rooms, findings, corrections.', input: I.personFile }),
  'register.roomBoard': m<O.RoomBoard>()({ kind: 'read', roles: EVERYONE, summary: 'Rooms with occupants, categories, beds and m² per person, and any mixing, at an instant.', input: I.atOnly }),
  'register.populationSeries': m<O.PopulationSeries>()({ kind: 'read', roles: EVERYONE, summary: 'The population by regime at sampled days over a period (default: the last 90 days, daily).', input: I.populationSeries }),
  'register.stayLengths': m<O.StayLengths>()({ kind: 'read', roles: EVERYONE, summary: 'Lengths of the stays that ended in a period (default: the last 365 days), by basis, in buckets.', input: I.stayLengths }),
  'register.deadlines': m<O.DeadlineRow[]>()({ kind: 'read', roles: EVERYONE, summary: 'Every present forced placement by time left.', input: I.atOnly }),

  // exports (inspection bundles and HQ slices are made by the `export` job)
  'exports.status': m<import('./outputs-exports.ts').ExportsStatus>()({ kind: 'read', roles: ['head_of_centre', 'registrar', 'inspector'], summary: 'The journal’s head, HQ’s last acknowledgement and where the next HQ slice starts.', input: I.empty }),
  'exports.acknowledgeHq': m<O.WriteResult>()({ kind: 'write', roles: HEAD, summary: 'Record HQ’s receipt: HQ holds the journal up to this entry, so the next HQ slice starts after it. Refused unless the entry is this centre’s own.', input: IE.acknowledgeHq }),

  // journal
  'journal.head': m<O.JournalHead>()({ kind: 'read', roles: EVERYONE, summary: 'Sequence number and hash of the last entry.', input: I.empty }),
  'journal.verify': m<O.VerifyResult>()({ kind: 'read', roles: EVERYONE, summary: 'Recompute the whole hash chain; name the first entry that does not match.', input: I.empty }),
  'journal.entries': m<O.JournalEntryView[]>()({ kind: 'read', roles: EVERYONE, summary: 'Journal entries in sequence order.', input: I.journalEntries }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type InputOf<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Contract[M]['input']>;
export type OutputOf<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
