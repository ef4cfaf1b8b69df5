// The seeder: a synthetic but lawful-looking register of a 500-bed migrant detention centre over
// years, written entirely through the real API (as the account that would make each change), so the
// journal, the projections and every refusal are the real ones. A refused call is a bug here.
//
// How it runs: a simulated clock and a priority queue of pending events. Arrivals come over time;
// each stay schedules its own later events (rights within hours, orders and extensions before they
// run out, movements of voluntary residents, daily life, release). Recorded time is the event time
// plus a few minutes (calls are entered in sittings, see recorder.ts), except deliberate late entries.
//
// Deliberate breaches: a few of each kind the findings engine knows, spread over the past (closed)
// and some still open at `end`, each a scripted case (see INCIDENTS). Everything else is lawful, so the
// findings show what was planted plus the natural "deadline near" warnings.
//
// Deterministic: one seeded PRNG, a clock that only the simulation moves, the centre id drawn from the
// PRNG; the same options give the same journal, byte for byte. Medical notes are left empty (their
// salted references would differ between runs).

import type { Db } from '../../db/connection.ts';
import { addCalendarMonths, isInstant, toIso, toMs } from '../../domain/time.ts';
import { SEED_MAX_YEARS } from '../../domain/api/seed-limits.ts';
import type { PersonStatus, Regime, Sex } from '../../domain/profile/types.ts';
import { keysFromSeed } from '../keys.ts';
import { CentreService } from '../service.ts';
import { EventQueue } from './heap.ts';
import {
  AUTHORITIES,
  COURTS,
  feminineFamily,
  INTERPRETERS,
  NATIONALITIES,
  originalName,
  PLACES,
  PROPERTY,
  RELATIVES_WHEREABOUTS,
  STATELESS_SHARE,
  type Nationality,
  type Pair,
} from './names.ts';
import { Recorder, SeedError, type Entity } from './recorder.ts';
import { Rng } from './rng.ts';

export { SeedError } from './recorder.ts';

export interface SeedOptions {
  /** Distinct people over the whole history; placements are about 1.2 times this (readmissions). */
  persons: number;
  /** Years of history, ending at `end`. */
  years: number;
  rngSeed: number;
  /** Instant the history ends (default 2026-11-01T00:00:00.000Z). */
  end?: string;
  /** Called at most every ~10,000 journal entries, and once at the end. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  entries: number;
  persons: number;
  placements: number;
  seconds: number;
}

export const DEFAULT_END = '2026-11-01T00:00:00.000Z';
export const SEED_CENTRE_NAME = 'Baku Migrant Accommodation Centre';
export const SEED_TIME_ZONE = 'Asia/Baku';
export const SEED_PROFILE = 'az-migration-code-2023';
/** Every seeded account has this password: a demo centre, never a real one. */
export const SEED_PASSWORD = 'seeded-demo-centre-only';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Journal entries per transaction: large enough that commits (fsync) are rare, small enough to bound the WAL. */
const CHUNK_ENTRIES = 50_000;
const PROGRESS_EVERY = 10_000;
/** A sitting at the keyboard: calls of one account within this window are sent as one batch. */
const SITTING_MS = 20 * MIN;
const MAX_BATCH_CALLS = 300;

// ---------------------------------------------------------------------------------------------
// Accounts and rooms

export const SEED_ACCOUNTS = {
  head_of_centre: [
    ['head.nasirov', 'Rauf Nasirov'],
    ['deputy.aliyeva', 'Gunel Aliyeva'],
  ],
  registrar: [
    ['reg.mammadov', 'Elvin Mammadov'],
    ['reg.huseynova', 'Aysel Huseynova'],
    ['reg.karimov', 'Tural Karimov'],
  ],
  duty_officer: [
    ['duty.ismayilov', 'Kamran Ismayilov'],
    ['duty.guliyeva', 'Lala Guliyeva'],
    ['duty.rzayev', 'Orkhan Rzayev'],
    ['duty.hasanov', 'Vugar Hasanov'],
  ],
  medical_officer: [
    ['dr.babayeva', 'Dr Sabina Babayeva'],
    ['dr.karimli', 'Dr Farid Karimli'],
  ],
  inspector: [['npm.inspector', 'NPM inspector, Ombudsman’s office']],
} as const;

type Cat =
  | 'men_forced'
  | 'women_forced'
  | 'boys_forced'
  | 'girls_forced'
  | 'men_voluntary'
  | 'women_voluntary'
  | 'men_asylum'
  | 'women_asylum'
  | 'family_voluntary'
  | 'family_forced';

interface RoomPlan {
  prefix: string;
  first: number;
  count: number;
  capacity: number;
  area: number;
  sex: Sex | null;
  ageGroup: 'minor' | 'adult' | null;
  regime: Regime;
  family: boolean;
  cat: Cat;
}

/** 45 rooms, 500 beds. Men's forced rooms have 4.2 m² a bed: one person over capacity is under 4 m². */
const ROOM_PLAN: readonly RoomPlan[] = [
  { prefix: 'A-1', first: 1, count: 17, capacity: 16, area: 67.2, sex: 'male', ageGroup: 'adult', regime: 'forced', family: false, cat: 'men_forced' },
  { prefix: 'B-2', first: 1, count: 4, capacity: 10, area: 45, sex: 'female', ageGroup: 'adult', regime: 'forced', family: false, cat: 'women_forced' },
  { prefix: 'C-3', first: 1, count: 2, capacity: 6, area: 30, sex: 'male', ageGroup: 'minor', regime: 'forced', family: false, cat: 'boys_forced' },
  { prefix: 'C-3', first: 3, count: 1, capacity: 6, area: 30, sex: 'female', ageGroup: 'minor', regime: 'forced', family: false, cat: 'girls_forced' },
  { prefix: 'V-4', first: 1, count: 4, capacity: 12, area: 54, sex: 'male', ageGroup: 'adult', regime: 'voluntary', family: false, cat: 'men_voluntary' },
  { prefix: 'V-4', first: 5, count: 2, capacity: 10, area: 45, sex: 'female', ageGroup: 'adult', regime: 'voluntary', family: false, cat: 'women_voluntary' },
  { prefix: 'S-5', first: 1, count: 3, capacity: 10, area: 50, sex: 'male', ageGroup: 'adult', regime: 'asylum', family: false, cat: 'men_asylum' },
  { prefix: 'S-5', first: 4, count: 2, capacity: 8, area: 40, sex: 'female', ageGroup: 'adult', regime: 'asylum', family: false, cat: 'women_asylum' },
  { prefix: 'F-6', first: 1, count: 6, capacity: 6, area: 30, sex: null, ageGroup: null, regime: 'voluntary', family: true, cat: 'family_voluntary' },
  { prefix: 'F-6', first: 7, count: 4, capacity: 5, area: 25, sex: null, ageGroup: null, regime: 'forced', family: true, cat: 'family_forced' },
];

// ---------------------------------------------------------------------------------------------
// Simulation state

interface Room extends Entity {
  name: string;
  capacity: number;
  cat: Cat;
  family: boolean;
  occupants: number;
}

interface Person extends Entity {
  sex: Sex;
  nat: Nationality | null;
  familyPair: Pair;
  givenPair: Pair;
  birthDate: string | null;
  claimedAge: number | null;
  status: PersonStatus;
  languages: string[];
  interpreter: boolean;
  familyGroup: string | null;
  unaccompanied: boolean;
  /** When the person is safely an adult (for readmission). */
  adultFromMs: number;
  stay: Stay | null;
  /** When the person's last stay ended (0 before any): a forced readmission comes days later. */
  releasedMs: number;
  noReadmit: boolean;
  placements: number;
}

/** Comfortably more than the profile's readmission window (24 h). */
const READMISSION_GAP_MS = 3 * DAY;

interface Claim extends Entity {
  open: boolean;
}

interface Measure extends Entity {
  open: boolean;
  kind: 'disciplinary' | 'isolation';
}

interface Group {
  stays: Stay[];
  kind: 'forced' | 'voluntary';
  regime: Regime;
  /** Latest order expiry (forced). */
  deadline: number;
  /** Start of the current run of expulsion orders and months used in it. */
  runStart: number;
  runMonths: number;
  ended: boolean;
}

interface Stay extends Entity {
  person: Person;
  group: Group;
  kind: 'forced' | 'voluntary';
  room: Room | null;
  admittedAt: number;
  ended: boolean;
  out: boolean;
  claim: Claim | null;
  measures: Measure[];
  /** Scripted by an incident: no normal decisions, releases or incidents of daily life. */
  managed: boolean;
  skipRights: ReadonlySet<string> | null;
  lateRights: ReadonlyMap<string, number> | null;
}

type Basis = 'service_order' | 'court_order' | 'expulsion_evasion';

interface NewPerson {
  sex: Sex;
  /** Age in years at `at` (fractional), or a claimed age. */
  age: number;
  claimed?: boolean;
  status?: PersonStatus;
  unaccompanied?: boolean;
  familyGroup?: string | null;
  nat?: Nationality | null;
  family?: Pair;
  trafficking?: readonly string[];
}

interface AdmitSpec {
  kind: 'forced' | 'voluntary';
  basis?: Basis;
  months?: number;
  asylumIntent?: boolean;
  trafficking?: readonly string[];
  managed?: boolean;
  skipRights?: ReadonlySet<string>;
  lateRights?: ReadonlyMap<string, number>;
  place?: string;
}

const FORCED_RIGHTS = ['lawyer', 'consular_notification', 'family_contact', 'call_ombudsman', 'call_unhcr'] as const;

export type IncidentKind =
  | 'stay.exceeded'
  | 'order.gap'
  | 'order.chained'
  | 'forced.status_never_forced'
  | 'forced.child_under_age'
  | 'minor.unaccompanied_not_referred'
  | 'asylum.claim_unresolved'
  | 'trafficking.not_referred'
  | 'separation.breach'
  | 'room.over_capacity'
  | 'rights.missing'
  | 'rights.late'
  | 'entry.late'
  | 'recommendation.overdue'
  | 'measure.on_minor'
  | 'isolation.unauthorised'
  | 'isolation.review_overdue'
  | 'medical.review_overdue';

export const INCIDENT_KINDS: readonly IncidentKind[] = [
  'stay.exceeded',
  'order.gap',
  'order.chained',
  'forced.status_never_forced',
  'forced.child_under_age',
  'minor.unaccompanied_not_referred',
  'asylum.claim_unresolved',
  'trafficking.not_referred',
  'separation.breach',
  'room.over_capacity',
  'rights.missing',
  'rights.late',
  'entry.late',
  'recommendation.overdue',
  'measure.on_minor',
  'isolation.unauthorised',
  'isolation.review_overdue',
  'medical.review_overdue',
];

/** Case mix per arrival (weights of cases, not of people). */
type CaseType = 'man_forced' | 'woman_forced' | 'minor_forced' | 'family_forced' | 'man_voluntary' | 'woman_voluntary' | 'asylum' | 'family_voluntary';
const CASES: readonly (readonly [CaseType, number])[] = [
  ['man_forced', 64],
  ['woman_forced', 10.5],
  ['minor_forced', 2.5],
  ['family_forced', 0.87],
  ['man_voluntary', 8],
  ['woman_voluntary', 4],
  ['asylum', 3],
  ['family_voluntary', 1.14],
];
/** Breaches of each kind still open at `end`. */
const OPEN_PER_KIND = 2;
const PLACEMENTS_PER_CASE = 100 / CASES.reduce((s, [, w]) => s + w, 0);
const READMISSION_SHARE = 0.2;

// ---------------------------------------------------------------------------------------------

export function seedCentre(db: Db, options: SeedOptions): SeedResult {
  const started = performance.now();
  checkOptions(options);
  if (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'centre'").get() === undefined) {
    throw new SeedError('the database has no schema: open it with openDatabase (which migrates) before seeding');
  }
  if (db.prepare('SELECT 1 FROM centre').get() !== undefined || db.prepare('SELECT 1 FROM journal LIMIT 1').get() !== undefined) {
    throw new SeedError('the centre is already set up: seed into a fresh, empty database only');
  }
  // A big page cache while seeding: the register's indexes grow to hundreds of megabytes and are
  // written in random order. Restored afterwards.
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -524288');
  try {
    const sim = new Simulation(db, options);
    sim.run();
    return {
      entries: sim.rec.head,
      persons: sim.personCount,
      placements: sim.placementCount,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
}

function checkOptions(o: SeedOptions): void {
  if (!Number.isInteger(o.persons) || o.persons < 1) throw new SeedError('persons must be a positive whole number');
  if (!(o.years > 0) || o.years > SEED_MAX_YEARS) throw new SeedError(`years must be more than 0 and at most ${SEED_MAX_YEARS}`);
  if (!Number.isInteger(o.rngSeed)) throw new SeedError('rngSeed must be a whole number');
  if (o.end !== undefined && !isInstant(o.end)) throw new SeedError(`end must be an ISO instant with a zone, e.g. ${DEFAULT_END}`);
}

class Simulation {
  readonly rng: Rng;
  readonly rec: Recorder;
  readonly service: CentreService;
  readonly q = new EventQueue();
  readonly endMs: number;
  readonly startMs: number;
  /** Simulated now: the time of the event being processed. */
  now: number;
  personCount = 0;
  placementCount = 0;
  diverted = 0;
  private readonly rooms = new Map<Cat, Room[]>();
  private readonly released: { male: Person[]; female: Person[] } = { male: [], female: [] };
  private readonly caseGapMs: number;
  private families = 0;
  private refs = 0;

  constructor(
    private readonly db: Db,
    private readonly options: SeedOptions,
  ) {
    this.rng = new Rng(options.rngSeed);
    this.endMs = toMs(options.end ?? DEFAULT_END);
    this.startMs = this.endMs - Math.round(options.years * 365.25 * DAY);
    // The breaches left open at `end` are planted a fixed time before it (up to 50 days, an
    // inspection whose recommendations fall overdue), whatever the span: on a short one the centre
    // must already be set up by the first of them, or the API refuses it as before the centre existed.
    const firstOpenBreach = Math.min(
      ...INCIDENT_KINDS.flatMap((kind) => Array.from({ length: OPEN_PER_KIND }, (_, i) => this.endMs - Incidents.currentLead(kind, i))),
    );
    this.now = Math.min(this.startMs, firstOpenBreach) - 14 * DAY;
    const rng = this.rng;
    // The centre id and key pair come from the seeded generator too: a demo centre, reproducible.
    this.service = new CentreService(db, {
      clock: () => this.rec.clockMs,
      randomId: () => rng.uuid(),
      newKeys: () => keysFromSeed(Uint8Array.from({ length: 32 }, () => rng.int(0, 255))),
    });
    // The minutes between an event and its entry come from a stream of their own, so that how calls
    // are grouped into batches never changes what happens in the simulated centre.
    const entryRng = new Rng(options.rngSeed ^ 0x5bd1e995);
    this.rec = new Recorder(this.service, 0, this.now, SITTING_MS, MAX_BATCH_CALLS, () => entryRng.int(30_000, 4 * MIN), this.endMs);
    const placementsPerDay = (options.persons * 1.2) / (options.years * 365.25);
    this.caseGapMs = (DAY * PLACEMENTS_PER_CASE) / placementsPerDay;
  }

  // --- actors -----------------------------------------------------------------------------

  /** Local hours since the epoch (Asia/Baku is UTC+4 throughout the simulated years; shifts only). */
  private localHours(ms: number): number {
    return Math.floor(ms / HOUR) + 4;
  }
  registrar(ms: number): string {
    const r = SEED_ACCOUNTS.registrar;
    return r[Math.floor(this.localHours(ms) / 8) % r.length]![0];
  }
  duty(ms: number): string {
    const d = SEED_ACCOUNTS.duty_officer;
    return d[Math.floor((this.localHours(ms) - 8) / 12) % d.length]![0];
  }
  doctor(ms: number): string {
    const d = SEED_ACCOUNTS.medical_officer;
    return d[Math.floor(this.localHours(ms) / 24) % d.length]![0];
  }
  head(ms: number): string {
    const h = SEED_ACCOUNTS.head_of_centre;
    return h[Math.floor(this.localHours(ms) / (24 * 7)) % h.length]![0];
  }
  headName(ms: number): string {
    const h = SEED_ACCOUNTS.head_of_centre;
    return `${h[Math.floor(this.localHours(ms) / (24 * 7)) % h.length]![1]}, head of centre`;
  }

  // --- the run ------------------------------------------------------------------------------

  run(): void {
    const total = Math.round(this.options.persons * 24.5) + 200;
    const onProgress = this.options.onProgress;
    let reported = 0;
    this.db.transaction(() => this.setUp())();
    this.scheduleArrival(this.startMs);
    this.scheduleInspections();
    this.scheduleIncidents();
    while (this.q.peekTime() <= this.endMs) {
      const chunkStart = this.rec.head;
      this.db.transaction(() => {
        while (this.q.peekTime() <= this.endMs && this.rec.head - chunkStart < CHUNK_ENTRIES) {
          this.rec.tick(this.q.peekTime());
          const ev = this.q.pop()!;
          this.now = ev.t;
          ev.run();
          if (onProgress && this.rec.head - reported >= PROGRESS_EVERY) {
            reported = this.rec.head;
            onProgress(reported, Math.max(total, reported));
          }
        }
        this.rec.flushAll(this.now);
      })();
    }
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    onProgress?.(this.rec.head, this.rec.head);
  }

  private at(ms: number): string {
    return toIso(ms);
  }

  private setUp(): void {
    const t = this.now;
    const [headUser, headName] = SEED_ACCOUNTS.head_of_centre[0];
    this.rec.clockMs = t;
    this.service.call(
      'centre.setup',
      {
        name: SEED_CENTRE_NAME,
        timeZone: SEED_TIME_ZONE,
        profileId: SEED_PROFILE,
        head: { username: headUser, displayName: headName, password: SEED_PASSWORD },
      },
      null,
    );
    this.rec.head = this.service.call('journal.head', {}, { username: headUser }).seq;
    let k = 0;
    for (const [role, list] of Object.entries(SEED_ACCOUNTS)) {
      for (const [username, displayName] of list) {
        if (username === headUser) continue;
        const at = this.at(t + ++k * MIN);
        this.rec.call(headUser, t + k * MIN, [], 'accounts.create', 1, () => ({ username, displayName, role, password: SEED_PASSWORD, at }));
      }
    }
    this.rec.flushAll(t + 30 * MIN);
    const roomsAt = t + DAY;
    for (const plan of ROOM_PLAN) {
      for (let i = 0; i < plan.count; i++) {
        const name = `${plan.prefix}${String(plan.first + i).padStart(2, '0')}`;
        const room: Room = { id: '', batch: null, name, capacity: plan.capacity, cat: plan.cat, family: plan.family, occupants: 0 };
        const list = this.rooms.get(plan.cat) ?? [];
        list.push(room);
        this.rooms.set(plan.cat, list);
        this.rec.call(headUser, roomsAt, [room], 'rooms.define', 1, (seq) => {
          room.id = `R${seq}`;
          return {
            name,
            capacity: plan.capacity,
            floorAreaM2: plan.area,
            sex: plan.sex,
            ageGroup: plan.ageGroup,
            regime: plan.regime,
            family: plan.family,
            at: this.at(roomsAt),
          };
        });
      }
    }
    this.rec.flushAll(roomsAt);
  }

  // --- people ---------------------------------------------------------------------------------

  private pickNationality(): Nationality {
    return this.rng.weighted(NATIONALITIES.map((n) => [n, n.weight] as const));
  }

  private birthDateFor(ageYears: number, at: number): string {
    const ms = at - ageYears * 365.25 * DAY;
    return toIso(ms).slice(0, 10);
  }

  /** Registers a new person (registrar), effective at `at`. */
  private newPerson(spec: NewPerson, at: number, actor = this.registrar(at)): Person {
    const rng = this.rng;
    const stateless = spec.nat === undefined && rng.chance(STATELESS_SHARE);
    const nat = spec.nat ?? this.pickNationality();
    const familyBase = spec.family ?? rng.pick(nat.family);
    const familyPair = spec.sex === 'female' ? feminineFamily(nat, familyBase) : familyBase;
    const givenPair = rng.pick(spec.sex === 'male' ? nat.male : nat.female);
    const languages = [...rng.pick(nat.languages)];
    const claimed = spec.claimed ?? (spec.age >= 19 && rng.chance(0.18));
    const birthDate = claimed ? null : this.birthDateFor(spec.age, at);
    const claimedAge = claimed ? Math.floor(spec.age) : null;
    const status: PersonStatus = spec.status ?? (stateless ? 'stateless_person' : 'irregular_migrant');
    const vulnerabilities =
      rng.chance(0.05) ? [rng.pick(spec.sex === 'female' ? (['pregnant', 'serious_illness', 'victim_of_violence', 'single_parent'] as const) : (['serious_illness', 'mental_health', 'disability', 'torture_survivor'] as const))] : [];
    const person: Person = {
      id: '',
      batch: null,
      sex: spec.sex,
      nat,
      familyPair,
      givenPair,
      birthDate,
      claimedAge,
      status,
      languages,
      interpreter: nat.interpreter,
      familyGroup: spec.familyGroup ?? null,
      unaccompanied: spec.unaccompanied ?? false,
      adultFromMs: claimed ? 0 : at + (18.3 - spec.age) * 365.25 * DAY,
      stay: null,
      releasedMs: 0,
      noReadmit: false,
      placements: 0,
    };
    this.personCount++;
    const nameOriginal = originalName(nat, familyPair, givenPair);
    const alerts = rng.chance(0.02) ? [rng.pick(['Allergy: penicillin', 'Insulin-dependent diabetes: meals at fixed times', 'Threats received from co-national: keep apart'])] : [];
    const trafficking = spec.trafficking ?? [];
    this.rec.call(actor, this.now, [person], 'persons.register', 1, (seq) => {
      person.id = `P${seq}`;
      return {
        familyName: familyPair[0],
        givenNames: givenPair[0],
        ...(nameOriginal ? { nameOriginal } : {}),
        sex: spec.sex,
        ...(claimed ? { claimedAge, ageAssessment: 'claimed' } : { birthDate }),
        nationality: stateless ? null : nat.code,
        stateless,
        languages,
        interpreterNeeded: nat.interpreter,
        unaccompanied: person.unaccompanied,
        familyGroup: person.familyGroup,
        vulnerabilities,
        traffickingIndicators: [...trafficking],
        alerts,
        status,
        at: this.at(at),
      };
    });
    return person;
  }

  /** A previously released adult of this sex who may be placed again, or null. */
  private readmissionCandidate(sex: Sex, kind: 'forced' | 'voluntary'): Person | null {
    const pool = this.released[sex];
    for (let attempt = 0; attempt < 4 && pool.length; attempt++) {
      const i = this.rng.int(Math.max(0, pool.length - 4000), pool.length - 1);
      const p = pool[i]!;
      if (p.stay || p.noReadmit || p.familyGroup || this.now < p.adultFromMs) continue;
      if (p.status === 'asylum_seeker' || p.status === 'refugee') continue;
      if (kind === 'forced' && p.status === 'possible_trafficking_victim') continue;
      // Held again within the profile's readmission window, the stay would continue the last one (its
      // caps count from there): the generator plans each forced stay on its own.
      if (kind === 'forced' && this.now - p.releasedMs < READMISSION_GAP_MS) continue;
      pool[i] = pool[pool.length - 1]!;
      pool.pop();
      return p;
    }
    return null;
  }

  // --- rooms ----------------------------------------------------------------------------------

  private freeRoom(cat: Cat, beds = 1): Room | null {
    const list = this.rooms.get(cat)!;
    const family = list[0]!.family;
    let chosen: Room | null = null;
    let seen = 0;
    for (const r of list) {
      const ok = family ? r.occupants === 0 && r.capacity >= beds : r.capacity - r.occupants >= beds;
      if (!ok) continue;
      seen++;
      if (this.rng.int(1, seen) === 1) chosen = r;
    }
    return chosen;
  }

  private catFor(sex: Sex, minor: boolean, regime: Regime): Cat {
    if (regime === 'forced') return minor ? (sex === 'male' ? 'boys_forced' : 'girls_forced') : sex === 'male' ? 'men_forced' : 'women_forced';
    if (regime === 'asylum') return sex === 'male' ? 'men_asylum' : 'women_asylum';
    return sex === 'male' ? 'men_voluntary' : 'women_voluntary';
  }

  // --- calls ----------------------------------------------------------------------------------

  private admissionRecord(p: Person, spec: AdmitSpec, at: number) {
    const rng = this.rng;
    const forced = spec.kind === 'forced';
    const property = [];
    const n = rng.int(1, 4);
    for (let i = 0; i < n; i++) {
      const [item, note] = PROPERTY[rng.int(0, PROPERTY.length - 1)]!;
      property.push({ item, quantity: 1, note });
    }
    const record: Record<string, unknown> = {
      reasons: forced
        ? rng.pick([
            'Stay in Azerbaijan beyond the permitted period (Migration Code art. 82.2)',
            'Irregular crossing of the state border, identity being established',
            'Decision on administrative expulsion; well-founded risk of evading it',
            'Return under a readmission agreement',
            'Work without a work permit and expired temporary stay',
          ])
        : p.status === 'asylum_seeker'
          ? 'Asylum application lodged; accommodation in the asylum premises requested by the applicant'
          : rng.pick(['Own request: no accommodation while travel documents are issued', 'Own request pending voluntary return', 'Own request: family awaiting return flight']),
      authority: rng.pick(AUTHORITIES),
      apprehension: forced ? { place: spec.place ?? rng.pick(PLACES), at: this.at(at - rng.int(60, 600) * MIN) } : null,
      property,
      ownClothingOrCivilian: true,
    };
    if (rng.chance(0.03)) record['visibleInjuries'] = 'Bruise on the left forearm, stated to be two days old';
    if (rng.chance(0.4)) {
      record['familyMembers'] = [
        {
          name: `${rng.pick(p.nat!.female)[0]} ${p.familyPair[0]}`,
          relation: rng.pick(['wife', 'mother', 'sister', 'daughter']),
          age: rng.int(8, 60),
          whereabouts: rng.pick(RELATIVES_WHEREABOUTS),
        },
      ];
    }
    if (rng.chance(0.7)) {
      record['emergencyContact'] = {
        name: `${rng.pick(p.nat!.male)[0]} ${p.familyPair[0]}`,
        relation: rng.pick(['brother', 'father', 'cousin', 'friend']),
        phone: `+${rng.int(7, 998)} ${rng.int(100, 999)} ${rng.int(100, 999)} ${rng.int(1000, 9999)}`,
      };
    }
    if (forced) {
      record['screening'] = {
        vulnerabilitiesFound: [],
        traffickingIndicators: [...(spec.trafficking ?? [])],
        asylumIntent: spec.asylumIntent ?? false,
        notes: '',
      };
      record['alternativesNotUsedBecause'] = rng.pick([
        'No fixed address in Azerbaijan; reporting obligation not enforceable',
        'Previously absconded from a reporting obligation',
        'No identity document; identity being established with the consulate',
        'Removal flight booked within days; no guarantor',
      ]);
    }
    return record;
  }

  private orderInput(basis: Basis, issuedAt: number, months?: number, until?: string) {
    const rng = this.rng;
    const year = new Date(issuedAt).getUTCFullYear();
    const n = ++this.refs;
    if (basis === 'service_order') {
      return { basis, authority: rng.pick(AUTHORITIES), reference: `SMS-${year}-${n}`, issuedAt: this.at(issuedAt) };
    }
    if (basis === 'court_order') {
      return { basis, authority: rng.pick(COURTS), reference: `AC-${year}-${n}`, issuedAt: this.at(issuedAt) };
    }
    return {
      basis,
      authority: rng.pick(COURTS),
      reference: `EX-${year}-${n}`,
      issuedAt: this.at(issuedAt),
      term: until ? { unit: 'until' as const, value: until } : { unit: 'months' as const, value: months! },
    };
  }

  /** Admits a person now (registrar), into `room`; schedules the rights of the first day. */
  private admit(p: Person, group: Group, spec: AdmitSpec, room: Room | null, acceptOverCapacity = false): Stay {
    const t = this.now;
    const stay: Stay = {
      id: '',
      batch: null,
      person: p,
      group,
      kind: spec.kind,
      room,
      admittedAt: t,
      ended: false,
      out: false,
      claim: spec.asylumIntent ? { id: '', batch: null, open: true } : null,
      measures: [],
      managed: spec.managed ?? false,
      skipRights: spec.skipRights ?? null,
      lateRights: spec.lateRights ?? null,
    };
    group.stays.push(stay);
    p.stay = stay;
    p.placements++;
    this.placementCount++;
    if (room) room.occupants++;
    let order: unknown = null;
    if (spec.kind === 'forced') {
      const basis = spec.basis ?? 'service_order';
      const issued = t - this.rng.int(basis === 'expulsion_evasion' ? 120 : 30, basis === 'expulsion_evasion' ? 2880 : 240) * MIN;
      order = this.orderInput(basis, issued, spec.months);
      if (group.stays.length === 1) {
        group.deadline =
          basis === 'service_order' ? t + 24 * HOUR : basis === 'court_order' ? t + 72 * HOUR : toMs(addCalendarMonths(this.at(t), spec.months!, SEED_TIME_ZONE));
        if (basis === 'expulsion_evasion') {
          group.runStart = t;
          group.runMonths = spec.months!;
        }
      }
    }
    const admission = this.admissionRecord(p, spec, t);
    const entries = 1 + (spec.asylumIntent ? 1 : 0) + (room ? 1 : 0);
    const claim = stay.claim;
    this.rec.call(this.registrar(t), t, [p, stay, room, claim], 'placements.admit', entries, (seq) => {
      stay.id = `S${seq}`;
      if (claim) claim.id = `C${seq + 1}`;
      return {
        personId: p.id,
        kind: spec.kind,
        at: this.at(t),
        ...(order ? { order } : {}),
        admission,
        ...(room ? { roomId: room.id } : {}),
        ...(acceptOverCapacity ? { acceptOverCapacity: true } : {}),
      };
    });
    this.scheduleFirstRights(stay);
    return stay;
  }

  private addOrder(stay: Stay, basis: Basis, issuedAt: number, months?: number, until?: string): void {
    // A claim for asylum is resolved by release or transfer, never by more detention (the API refuses an order).
    if (stay.claim?.open) return this.end(stay, 'asylum_premises', 'State Migration Service asylum reception facility', 'Transferred to the asylum premises on the claim');
    const order = this.orderInput(basis, issuedAt, months, until);
    this.rec.call(this.registrar(this.now), this.now, [stay], 'placements.addOrder', 1, () => ({
      placementId: stay.id,
      order,
      at: this.at(issuedAt),
    }));
  }

  private end(stay: Stay, reason: string, destination = '', note = '', at = this.now): void {
    if (stay.ended) return;
    stay.ended = true;
    const claim = stay.claim;
    let entries = 1;
    if (claim?.open && (reason === 'release' || reason === 'asylum_premises')) {
      entries++;
      claim.open = false;
    }
    for (const m of stay.measures) {
      if (m.open) {
        entries++;
        m.open = false;
      }
    }
    const room = stay.room;
    if (room) room.occupants--;
    const p = stay.person;
    p.stay = null;
    p.releasedMs = at;
    if (!p.noReadmit && !p.familyGroup && p.status !== 'asylum_seeker' && p.status !== 'refugee') this.released[p.sex].push(p);
    if (stay.group.stays.every((s) => s.ended)) stay.group.ended = true;
    this.rec.call(this.registrar(this.now), this.now, [stay, room, p], 'placements.end', entries, () => ({
      placementId: stay.id,
      reason,
      destination,
      note,
      at: this.at(at),
    }));
  }

  private endGroup(group: Group, reason: string, destination = '', note = ''): void {
    for (const s of group.stays) {
      if (s.ended) continue;
      // An open claim for asylum stops a removal, and a transfer to other detention (the API refuses
      // both): the one is a release, the other a transfer to the asylum premises.
      if (s.claim?.open && reason === 'transfer' && s.kind === 'forced') {
        this.end(s, 'asylum_premises', 'State Migration Service asylum reception facility', 'Transferred to the asylum premises on the claim');
        continue;
      }
      const r = reason === 'removal' && s.claim?.open ? 'release' : reason;
      this.end(s, r, destination, note);
    }
    group.ended = true;
  }

  private assign(stay: Stay, room: Room, acceptOverCapacity = false, at = this.now): void {
    const from = stay.room;
    if (from) from.occupants--;
    room.occupants++;
    stay.room = room;
    this.rec.call(this.duty(this.now), this.now, [stay, from, room], 'rooms.assign', 1, () => ({
      placementId: stay.id,
      roomId: room.id,
      at: this.at(at),
      ...(acceptOverCapacity ? { acceptOverCapacity: true } : {}),
    }));
  }

  private right(stay: Stay, right: string, state: string, actor: string, extra: Record<string, unknown> = {}, at = this.now): void {
    this.rec.call(actor, this.now, [stay], 'rights.record', 1, () => ({ placementId: stay.id, right, state, at: this.at(at), ...extra }));
  }

  private informationOnRights(stay: Stay, at = this.now, actor = this.registrar(at)): void {
    const p = stay.person;
    const language = p.languages[0]!;
    const rng = this.rng;
    const interpreter = p.interpreter
      ? { name: rng.pick(INTERPRETERS[language] ?? ['SMS interpreter pool']), mode: rng.weighted([['in_person', 5], ['telephone', 4], ['video', 1]] as const) }
      : { name: '', mode: 'none_needed' as const };
    this.right(stay, 'information_on_rights', 'exercised', actor, {
      language,
      version: 'SMS-RI-2023/2',
      interpreter,
      detail: 'Information sheet handed over and explained; signed',
    }, at);
  }

  private movement(stay: Stay, direction: 'exit' | 'return', purpose = ''): void {
    stay.out = direction === 'exit';
    const iso = this.at(this.now);
    this.rec.call(this.duty(this.now), this.now, [stay], 'movements.record', 1, () => ({ placementId: stay.id, direction, purpose, at: iso }));
  }

  private refer(stay: Stay, kind: 'guardianship' | 'child_care' | 'trafficking_police', at = this.now): void {
    const to =
      kind === 'trafficking_police'
        ? 'Ministry of Internal Affairs, Main Department for Combating Trafficking in Human Beings'
        : kind === 'guardianship'
          ? 'Guardianship and custody authority, Baku city executive power'
          : 'Children’s shelter of the Ministry of Labour and Social Protection';
    this.rec.call(this.registrar(this.now), this.now, [stay, stay.person], 'protection.refer', 1, () => ({
      personId: stay.person.id,
      placementId: stay.id,
      kind,
      to,
      note: '',
      at: this.at(at),
    }));
  }

  private setStatus(p: Person, status: PersonStatus, reason: string): void {
    p.status = status;
    const iso = this.at(this.now);
    this.rec.call(this.registrar(this.now), this.now, [p], 'persons.setStatus', 1, () => ({ personId: p.id, status, reason, at: iso }));
  }

  private correct(p: Person, changes: Record<string, unknown>, reason: string): void {
    p.noReadmit = true;
    const iso = this.at(this.now);
    this.rec.call(this.registrar(this.now), this.now, [p], 'persons.correct', 1, () => ({ personId: p.id, changes, reason, at: iso }));
  }

  private claimAsylum(stay: Stay): void {
    const claim: Claim = { id: '', batch: null, open: true };
    stay.claim = claim;
    const iso = this.at(this.now);
    this.rec.call(this.duty(this.now), this.now, [stay, claim], 'protection.claimAsylum', 1, (seq) => {
      claim.id = `C${seq}`;
      return { placementId: stay.id, note: 'Stated wish to apply for asylum to the duty officer', at: iso };
    });
  }

  private resolveClaim(stay: Stay, resolution: 'withdrawn_by_applicant' | 'inadmissible_final'): void {
    const claim = stay.claim;
    if (!claim?.open) return;
    claim.open = false;
    const iso = this.at(this.now);
    this.rec.call(this.registrar(this.now), this.now, [claim, stay], 'protection.resolveClaim', 1, () => ({
      claimId: claim.id,
      resolution,
      note: resolution === 'withdrawn_by_applicant' ? 'Applicant withdrew the claim in writing, with an interpreter' : 'Final decision: claim inadmissible (repeat application)',
      at: iso,
    }));
  }

  private startMeasure(stay: Stay, kind: 'disciplinary' | 'isolation', authorised: boolean): Measure {
    const m: Measure = { id: '', batch: null, open: true, kind };
    stay.measures.push(m);
    const t = this.now;
    // A measure the head authorises is started by the head; the floor starts one in urgency, unauthorised.
    const authorisedBy = authorised ? this.headName(t) : undefined;
    this.rec.call(authorised ? this.head(t) : this.duty(t), t, [stay, m], 'measures.start', 1, (seq) => {
      m.id = `M${seq}`;
      return kind === 'disciplinary'
        ? {
            placementId: stay.id,
            kind,
            measure: this.rng.pick(['Restriction of recreation time for 3 days', 'Written warning', 'Restriction of shop purchases for 5 days']),
            reason: this.rng.pick(['Fight with another resident', 'Damage to centre property', 'Refusal to comply with the daily routine']),
            ...(authorisedBy ? { authorisedBy } : {}),
            at: this.at(t),
          }
        : {
            placementId: stay.id,
            kind,
            measure: 'Separation in single room I-1 under observation',
            reason: 'Violent behaviour towards staff; immediate risk to others',
            ...(authorisedBy ? { authorisedBy } : {}),
            at: this.at(t),
          };
    });
    return m;
  }

  private authorise(stay: Stay, m: Measure): void {
    const iso = this.at(this.now);
    const by = this.headName(this.now);
    this.rec.call(this.head(this.now), this.now, [m, stay], 'measures.authorise', 1, () => ({ measureId: m.id, authorisedBy: by, at: iso }));
  }

  private reviewMeasure(stay: Stay, m: Measure, outcome: 'continue' | 'end'): void {
    if (!m.open) return;
    if (outcome === 'end') m.open = false;
    const actor = this.rng.chance(0.5) ? this.head(this.now) : this.doctor(this.now);
    const iso = this.at(this.now);
    this.rec.call(actor, this.now, [m, stay], 'measures.review', 1, () => ({
      measureId: m.id,
      outcome,
      note: outcome === 'end' ? 'Calm; separation no longer necessary' : 'Still agitated; continue with observation',
      at: iso,
    }));
  }

  private endMeasure(stay: Stay, m: Measure): void {
    if (!m.open || stay.ended) return;
    m.open = false;
    const iso = this.at(this.now);
    this.rec.call(this.duty(this.now), this.now, [m, stay], 'measures.end', 1, () => ({ measureId: m.id, note: '', at: iso }));
  }

  private raiseConcern(stay: Stay): Entity {
    const c: Entity = { id: '', batch: null };
    const kind = this.rng.weighted([['health_harmed_by_detention', 4], ['self_harm_risk', 3], ['possible_torture_victim', 2], ['other', 1]] as const);
    const iso = this.at(this.now);
    this.rec.call(this.doctor(this.now), this.now, [stay, c], 'medical.raiseConcern', 1, (seq) => {
      c.id = `MC${seq}`;
      return { placementId: stay.id, kind, note: '', at: iso };
    });
    return c;
  }

  private reviewDetention(stay: Stay, concern: Entity, outcome: 'continue_detention' | 'release' | 'alternative_to_detention' | 'medical_transfer'): void {
    const actor = this.rng.chance(0.5) ? this.head(this.now) : this.doctor(this.now);
    const iso = this.at(this.now);
    this.rec.call(actor, this.now, [stay, concern], 'medical.reviewDetention', 1, () => ({
      placementId: stay.id,
      concernId: concern.id,
      outcome,
      note: '',
      at: iso,
    }));
  }

  // --- scheduling helpers -------------------------------------------------------------------

  private later(delayMs: number, run: () => void): void {
    this.q.push(this.now + Math.max(1, Math.round(delayMs)), run);
  }

  /** Schedules at an instant, never before now (time only moves forward). */
  private schedule(t: number, run: () => void): void {
    this.q.push(Math.max(this.now + 1, Math.round(t)), run);
  }

  /** An instant on the local day of `approx` between the local hours `fromH` and `toH` (Asia/Baku, UTC+4). */
  private slotOn(approx: number, fromH: number, toH: number): number {
    const dayStart = Math.floor((approx + 4 * HOUR) / DAY) * DAY - 4 * HOUR;
    let t = dayStart + this.rng.range(fromH, toH) * HOUR;
    if (t <= this.now) t += DAY;
    return t;
  }

  /**
   * The first day's rights. Most are recorded at the admission interview, a quarter of an hour or so
   * after arrival, in one sitting: property, information on rights in the person's language, and for
   * a forced stay the lawyer, consulate, Ombudsman, UNHCR and a call home. The medical examination
   * is at the next doctor's round. Incidents may skip a right or record it late.
   */
  private scheduleFirstRights(stay: Stay): void {
    const rng = this.rng;
    const skip = stay.skipRights;
    const late = stay.lateRights;
    const p = stay.person;
    const forced = stay.kind === 'forced';
    const record = (right: string, at: number) => {
      if (skip?.has(right)) return;
      const registrar = this.registrar(this.now);
      switch (right) {
        case 'information_on_rights':
          return this.informationOnRights(stay, at, registrar);
        case 'property_inventory':
          return this.right(stay, right, 'exercised', registrar, { detail: 'Inventory listed and signed by the resident' }, at);
        case 'family_contact':
          return this.right(stay, right, rng.chance(0.85) ? 'exercised' : 'declined', registrar, { detail: 'Telephone call from the centre phone' }, at);
        case 'lawyer':
          return this.right(stay, right, rng.weighted([['offered', 4], ['exercised', 4.5], ['declined', 1.5]] as const), registrar, {
            detail: 'Told of the right to a lawyer and of free legal aid',
          }, at);
        case 'consular_notification':
          return this.right(stay, right, p.nat === null || rng.chance(0.45) ? 'declined' : rng.chance(0.85) ? 'exercised' : 'offered', registrar, {
            detail: 'Consular notification is the person’s choice',
          }, at);
        case 'call_ombudsman':
          return this.right(stay, right, rng.chance(0.8) ? 'offered' : 'exercised', registrar, { detail: 'Ombudsman hotline number given' }, at);
        case 'call_unhcr':
          return this.right(stay, right, rng.chance(0.85) ? 'offered' : 'exercised', registrar, { detail: 'UNHCR Baku number given' }, at);
        case 'medical_examination':
          return this.right(stay, right, rng.chance(0.96) ? 'exercised' : 'declined', this.doctor(this.now), {}, at);
      }
    };
    const interview = forced
      ? ['property_inventory', 'information_on_rights', 'lawyer', 'consular_notification', 'call_ombudsman', 'call_unhcr', 'family_contact']
      : ['property_inventory', 'information_on_rights'];
    this.later(rng.range(12 * MIN, 40 * MIN), () => {
      if (stay.ended) return;
      const n = interview.length;
      interview.forEach((right, i) => {
        if (!late?.has(right)) record(right, this.now - (n - 1 - i) * MIN);
      });
    });
    // The doctor's rounds: 09:00, 13:00, 17:00 and 21:00.
    const after = this.now + 30 * MIN;
    const localHour = ((after + 4 * HOUR) % DAY) / HOUR;
    const round = [9, 13, 17, 21].find((h) => h > localHour);
    const roundAt = round === undefined ? this.slotOn(after + DAY, 9, 9.6) : this.slotOn(after, round, round + 0.6);
    if (!late?.has('medical_examination')) {
      this.schedule(roundAt, () => {
        if (!stay.ended) record('medical_examination', this.now);
      });
    }
    for (const [right, delay] of late ?? []) {
      this.later(delay, () => {
        if (!stay.ended) record(right, this.now);
      });
    }
    if (!forced && p.status === 'asylum_seeker') {
      this.later(rng.range(1 * HOUR, 24 * HOUR), () => {
        if (!stay.ended) this.right(stay, 'call_unhcr', 'exercised', this.registrar(this.now));
      });
      this.later(rng.range(4 * HOUR, 72 * HOUR), () => {
        if (!stay.ended) this.right(stay, 'lawyer', 'exercised', this.registrar(this.now), { detail: 'Legal counselling by an NGO lawyer' });
      });
    }
  }

  // --- arrivals -------------------------------------------------------------------------------

  private scheduleArrival(from: number): void {
    this.q.push(from + Math.max(1, Math.round(this.rng.exp(this.caseGapMs))), () => this.arrival());
  }

  private arrival(): void {
    this.scheduleArrival(this.now);
    const type = this.rng.weighted(CASES);
    switch (type) {
      case 'man_forced':
        return this.singleForced('male');
      case 'woman_forced':
        return this.singleForced('female');
      case 'minor_forced':
        return this.minorForced();
      case 'family_forced':
        return this.familyForced();
      case 'man_voluntary':
        return this.singleVoluntary('male');
      case 'woman_voluntary':
        return this.singleVoluntary('female');
      case 'asylum':
        return this.asylumSeeker();
      case 'family_voluntary':
        return this.familyVoluntary();
    }
  }

  private newGroup(kind: 'forced' | 'voluntary', regime: Regime): Group {
    return { stays: [], kind, regime, deadline: 0, runStart: 0, runMonths: 0, ended: false };
  }

  private adultAge(sex: Sex): number {
    return Math.min(sex === 'male' ? 19 + this.rng.exp(12) : 19 + this.rng.exp(14), 72);
  }

  private singleForced(sex: Sex): void {
    const rng = this.rng;
    const room = this.freeRoom(sex === 'male' ? 'men_forced' : 'women_forced');
    if (!room) return void this.diverted++;
    const trafficking = rng.chance(sex === 'female' ? 0.05 : 0.008)
      ? [rng.pick(['documents_withheld', 'debt_bondage', 'deceptive_recruitment', 'controlled_by_third_party', 'sexual_exploitation_signs'] as const)]
      : [];
    const readmit = trafficking.length === 0 && rng.chance(READMISSION_SHARE) ? this.readmissionCandidate(sex, 'forced') : null;
    const returnee = rng.chance(0.08);
    const person =
      readmit ??
      this.newPerson(
        { sex, age: this.adultAge(sex), ...(returnee ? { status: 'returnee_readmission' as const } : {}), trafficking },
        this.now - rng.int(5, 40) * MIN,
      );
    if (trafficking.length) person.noReadmit = true;
    const basis: Basis = returnee ? 'expulsion_evasion' : rng.weighted([['service_order', 88], ['court_order', 10], ['expulsion_evasion', 2]] as const);
    const months = basis === 'expulsion_evasion' ? rng.weighted([[1, 35], [2, 40], [3, 25]] as const) : undefined;
    const asylumIntent = rng.chance(0.025);
    const group = this.newGroup('forced', 'forced');
    const stay = this.admit(person, group, { kind: 'forced', basis, ...(months ? { months } : {}), asylumIntent, trafficking }, room);
    if (asylumIntent) this.later(rng.range(2 * HOUR, 20 * HOUR), () => this.resolveAsylum(stay));
    if (trafficking.length) this.traffickingFlow(stay);
    this.forcedLifecycle(group, basis);
    this.scheduleLife(stay);
  }

  private traffickingFlow(stay: Stay): void {
    const rng = this.rng;
    this.later(rng.range(30 * MIN, 6 * HOUR), () => {
      if (stay.ended) return;
      this.refer(stay, 'trafficking_police');
      if (rng.chance(0.7)) this.setStatus(stay.person, 'possible_trafficking_victim', 'Indicators of trafficking on screening; referred to the police special unit');
      this.later(rng.range(12 * HOUR, 20 * HOUR), () => {
        if (!stay.ended) this.endGroup(stay.group, 'other', 'State shelter for victims of trafficking', 'Released to the shelter on the police unit’s request');
      });
    });
  }

  private resolveAsylum(stay: Stay): void {
    if (stay.ended || !stay.claim?.open) return;
    const r = this.rng.float();
    if (r < 0.6) this.endGroup(stay.group, 'asylum_premises', 'State Migration Service asylum reception facility', 'Transferred to the asylum premises on the claim');
    else this.resolveClaim(stay, r < 0.85 ? 'withdrawn_by_applicant' : 'inadmissible_final');
  }

  private minorForced(): void {
    const rng = this.rng;
    const sex: Sex = rng.chance(0.8) ? 'male' : 'female';
    const room = this.freeRoom(sex === 'male' ? 'boys_forced' : 'girls_forced');
    if (!room) return void this.diverted++;
    const person = this.newPerson({ sex, age: 16 + rng.range(0.05, 1.55), unaccompanied: true }, this.now - rng.int(5, 40) * MIN);
    person.noReadmit = true;
    const group = this.newGroup('forced', 'forced');
    const stay = this.admit(person, group, { kind: 'forced', basis: 'service_order', managed: true }, room);
    // Unaccompanied children go to the guardianship authority, not detention (report §26–27).
    this.later(rng.range(1 * HOUR, 8 * HOUR), () => {
      if (stay.ended) return;
      this.refer(stay, 'guardianship');
      this.later(rng.range(3 * HOUR, 12 * HOUR), () => this.end(stay, 'guardianship', 'Children’s shelter, Baku', 'Handed over to the guardianship authority'));
    });
  }

  private familyForced(): void {
    const rng = this.rng;
    const size = rng.chance(0.25) ? 3 : 2;
    const room = this.freeRoom('family_forced', size);
    if (!room) return void this.diverted++;
    const familyGroup = `FAM-${++this.families}`;
    const nat = this.pickNationality();
    const family = rng.pick(nat.family);
    const t = this.now - rng.int(5, 40) * MIN;
    const age = Math.min(22 + rng.exp(10), 60);
    const members = [
      this.newPerson({ sex: 'male', age: age + rng.range(0, 6), nat, family, familyGroup }, t),
      this.newPerson({ sex: 'female', age, nat, family, familyGroup }, t),
    ];
    if (size === 3) members.push(this.newPerson({ sex: rng.chance(0.5) ? 'male' : 'female', age: 16 + rng.range(0.1, 1.4), nat, family, familyGroup }, t));
    const group = this.newGroup('forced', 'forced');
    for (const m of members) {
      m.noReadmit = true;
      this.admit(m, group, { kind: 'forced', basis: 'service_order' }, room);
    }
    this.forcedLifecycle(group, 'service_order', true);
  }

  private singleVoluntary(sex: Sex): void {
    const rng = this.rng;
    const room = this.freeRoom(sex === 'male' ? 'men_voluntary' : 'women_voluntary');
    if (!room) return void this.diverted++;
    const person = (rng.chance(READMISSION_SHARE) ? this.readmissionCandidate(sex, 'voluntary') : null) ?? this.newPerson({ sex, age: this.adultAge(sex) }, this.now - rng.int(5, 60) * MIN);
    const group = this.newGroup('voluntary', 'voluntary');
    const stay = this.admit(person, group, { kind: 'voluntary' }, room);
    const stayMs = Math.min(Math.max(rng.exp(14 * DAY), 2 * DAY), 90 * DAY);
    this.voluntaryLifecycle(group, stayMs);
    this.scheduleLife(stay);
  }

  private asylumSeeker(): void {
    const rng = this.rng;
    const sex: Sex = rng.chance(0.7) ? 'male' : 'female';
    const room = this.freeRoom(sex === 'male' ? 'men_asylum' : 'women_asylum');
    if (!room) return void this.diverted++;
    const person = this.newPerson({ sex, age: this.adultAge(sex), status: 'asylum_seeker' }, this.now - rng.int(5, 60) * MIN);
    person.noReadmit = true;
    const group = this.newGroup('voluntary', 'asylum');
    const stay = this.admit(person, group, { kind: 'voluntary' }, room);
    const stayMs = Math.min(Math.max(rng.exp(35 * DAY), 5 * DAY), 200 * DAY);
    if (rng.chance(0.35)) {
      this.later(stayMs * rng.range(0.4, 0.9), () => {
        if (stay.ended) return;
        this.setStatus(person, 'refugee', 'Recognised as a refugee by the State Migration Service');
        this.later(rng.range(2 * DAY, 10 * DAY), () => this.endGroup(group, 'transfer', 'Accommodation for recognised refugees', 'Moved out after recognition'));
      });
    }
    this.voluntaryLifecycle(group, stayMs);
    this.scheduleLife(stay);
  }

  private familyVoluntary(): void {
    const rng = this.rng;
    const kids = rng.int(1, 4);
    const two = rng.chance(0.7);
    const size = kids + (two ? 2 : 1);
    const room = this.freeRoom('family_voluntary', size);
    if (!room) return void this.diverted++;
    const familyGroup = `FAM-${++this.families}`;
    const nat = this.pickNationality();
    const family = rng.pick(nat.family);
    const t = this.now - rng.int(5, 60) * MIN;
    const age = Math.min(24 + rng.exp(8), 55);
    const members: Person[] = [];
    if (two) members.push(this.newPerson({ sex: 'male', age: age + rng.range(0, 6), nat, family, familyGroup }, t));
    members.push(this.newPerson({ sex: 'female', age, nat, family, familyGroup }, t));
    for (let i = 0; i < kids; i++) {
      members.push(this.newPerson({ sex: rng.chance(0.5) ? 'male' : 'female', age: rng.range(0.3, Math.min(17.5, age - 17)), nat, family, familyGroup, claimed: false }, t));
    }
    const group = this.newGroup('voluntary', 'voluntary');
    for (const m of members) {
      m.noReadmit = true;
      this.admit(m, group, { kind: 'voluntary' }, room);
    }
    const stayMs = Math.min(Math.max(rng.exp(10 * DAY), 2 * DAY), 45 * DAY);
    this.voluntaryLifecycle(group, stayMs);
    this.scheduleLife(group.stays[0]!, group);
  }

  // --- lifecycles -----------------------------------------------------------------------------

  /** Orders and decisions of a forced stay: service order, court order, expulsion, extensions, release. */
  private forcedLifecycle(group: Group, basis: Basis, family = false): void {
    const rng = this.rng;
    if (basis === 'service_order') {
      this.later(rng.range(14 * HOUR, 22 * HOUR), () => {
        if (group.ended) return;
        if (rng.chance(0.35)) {
          return this.endGroup(group, rng.weighted([['release', 40], ['removal', 45], ['transfer', 15]] as const), '', 'Decision before the Service’s order ran out');
        }
        const issued = this.now;
        for (const s of group.stays) if (!s.ended) this.addOrder(s, 'court_order', issued);
        group.deadline += 72 * HOUR;
        this.courtDecision(group, family);
      });
    } else if (basis === 'court_order') {
      this.courtDecision(group, family);
    } else {
      this.expulsionPhase(group);
    }
  }

  private courtDecision(group: Group, family: boolean): void {
    const rng = this.rng;
    this.schedule(group.deadline - rng.range(4 * HOUR, 20 * HOUR), () => {
      if (group.ended) return;
      if (family || rng.chance(0.7)) {
        return this.endGroup(group, rng.weighted([['removal', 55], ['release', 35], ['transfer', 10]] as const), '', 'Decision before the court’s order ran out');
      }
      const months = rng.weighted([[1, 35], [2, 40], [3, 25]] as const);
      for (const s of group.stays) if (!s.ended) this.addOrder(s, 'expulsion_evasion', this.now, months);
      group.runStart = group.deadline;
      group.runMonths = months;
      group.deadline = toMs(addCalendarMonths(this.at(group.deadline), months, SEED_TIME_ZONE));
      this.expulsionPhase(group);
    });
  }

  private expulsionPhase(group: Group): void {
    const rng = this.rng;
    const from = Math.max(this.now, group.runStart);
    if (rng.chance(0.7)) {
      const at = from + (group.deadline - from) * rng.range(0.15, 0.9);
      this.schedule(Math.max(at, this.now + HOUR), () => {
        if (!group.ended) this.endGroup(group, 'removal', 'Country of origin', 'Expelled; escorted to the border');
      });
      return;
    }
    this.schedule(group.deadline - rng.range(2 * DAY, 6 * DAY), () => {
      if (group.ended) return;
      if (group.runMonths >= 6) {
        return this.endGroup(group, 'release', '', 'Removal not possible within the legal maximum of 6 months');
      }
      const want = rng.weighted([[1, 40], [2, 35], [3, 25]] as const);
      const months = Math.min(want, 6 - group.runMonths);
      const cap = toMs(addCalendarMonths(this.at(group.runStart), 6, SEED_TIME_ZONE));
      let next = toMs(addCalendarMonths(this.at(group.deadline), months, SEED_TIME_ZONE));
      let until: string | undefined;
      if (next > cap) {
        next = cap;
        until = this.at(cap);
      }
      for (const s of group.stays) if (!s.ended) this.addOrder(s, 'expulsion_evasion', this.now, months, until);
      group.deadline = next;
      group.runMonths += months;
      this.expulsionPhase(group);
    });
  }

  private voluntaryLifecycle(group: Group, stayMs: number): void {
    const rng = this.rng;
    this.later(stayMs, () => {
      if (group.ended) return;
      const reason = rng.weighted([['voluntary_departure', 65], ['release', 25], ['other', 10]] as const);
      this.endGroup(group, reason, reason === 'voluntary_departure' ? 'Country of origin' : '', group.stays.some((s) => s.out) ? 'Did not come back from leave' : '');
    });
  }

  /**
   * Daily life of a stay (or a family, acting as one): calls home, visits, the lawyer, complaints,
   * room moves, exits and returns of voluntary residents; rarely a measure or a medical concern.
   */
  private scheduleLife(stay: Stay, group: Group | null = null): void {
    const rng = this.rng;
    const voluntary = stay.kind === 'voluntary';
    const day = this.now + (voluntary ? rng.range(0.8 * DAY, 2.6 * DAY) : rng.range(0.7 * DAY, 2.0 * DAY));
    const r = rng.float();
    // Activities keep the centre's hours: calls in the morning, visits in the afternoon, leave by day.
    const [from, to] = voluntary
      ? r < 0.72 ? [9, 11] : r < 0.85 ? [10, 12] : r < 0.93 ? [15, 17] : [9, 18]
      : r < 0.45 ? [10, 12] : r < 0.66 ? [15, 17] : r < 0.8 ? [11, 16] : r < 0.9 ? [9, 18] : [0, 24];
    this.schedule(this.slotOn(day, from, to), () => {
      if (stay.ended) return;
      const members = group ? group.stays.filter((s) => !s.ended) : [stay];
      if (voluntary) this.voluntaryDay(stay, members, r);
      else this.forcedDay(stay, r);
      this.scheduleLife(stay, group);
    });
  }

  private voluntaryDay(stay: Stay, members: Stay[], r: number): void {
    const rng = this.rng;
    if (r < 0.72) {
      const purpose = rng.pick(['Shopping', 'Visit to the consulate', 'Visit to relatives', 'Appointment at the Migration Service', 'Medical appointment in town']);
      for (const s of members) if (!s.out) this.movement(s, 'exit', purpose);
      this.later(rng.range(2 * HOUR, 9 * HOUR), () => {
        for (const s of members) if (!s.ended && s.out) this.movement(s, 'return');
      });
    } else if (r < 0.85) {
      this.right(stay, 'family_contact', 'exercised', this.duty(this.now), { detail: 'Telephone call' });
    } else if (r < 0.93) {
      this.right(stay, 'visit_received', 'exercised', this.duty(this.now), { detail: 'Visit by relatives' });
    } else if (r < 0.96 && stay.person.status === 'asylum_seeker') {
      this.right(stay, 'call_unhcr', 'exercised', this.duty(this.now), { detail: 'Call to UNHCR about the asylum procedure' });
    } else if (r < 0.975) {
      this.right(stay, 'complaint', 'exercised', this.duty(this.now), { detail: rng.pick(['Complaint about the food', 'Complaint about hot water in the shower block', 'Complaint about the speed of the document procedure']) });
    } else if (!stay.room?.family && members.length === 1) {
      this.move(stay);
    }
  }

  private forcedDay(stay: Stay, r: number): void {
    const rng = this.rng;
    if (r < 0.45) {
      this.right(stay, 'family_contact', 'exercised', this.duty(this.now), { detail: 'Telephone call from the centre phone' });
    } else if (r < 0.66) {
      this.right(stay, 'visit_received', 'exercised', this.duty(this.now), { detail: rng.pick(['Visit by relatives', 'Visit by a friend', 'Visit by a consular officer']) });
    } else if (r < 0.8) {
      this.right(stay, 'lawyer', 'exercised', this.duty(this.now), { detail: 'Meeting with the lawyer in the visiting room' });
    } else if (r < 0.86) {
      this.right(stay, 'complaint', 'exercised', this.duty(this.now), { detail: rng.pick(['Complaint about the length of detention', 'Complaint about the food', 'Complaint about access to the telephone']) });
    } else if (r < 0.9) {
      if (!stay.room?.family) this.move(stay);
    } else if (r < 0.915 && !stay.managed && stay.group.stays.length === 1) {
      this.disciplinary(stay);
    } else if (r < 0.927 && !stay.managed && stay.group.stays.length === 1) {
      this.medicalConcern(stay);
    } else if (r < 0.931 && !stay.managed && stay.group.stays.length === 1) {
      this.isolation(stay);
    } else if (r < 0.94 && !stay.claim?.open && !stay.managed) {
      this.claimAsylum(stay);
      this.later(rng.range(2 * HOUR, 20 * HOUR), () => this.resolveAsylum(stay));
    }
  }

  private move(stay: Stay): void {
    const from = stay.room;
    if (!from) return;
    const list = this.rooms.get(from.cat)!;
    const options = list.filter((r) => r !== from && r.occupants < r.capacity);
    if (!options.length) return;
    this.assign(stay, this.rng.pick(options));
  }

  private disciplinary(stay: Stay): void {
    const m = this.startMeasure(stay, 'disciplinary', true);
    this.later(this.rng.range(1 * DAY, 5 * DAY), () => this.endMeasure(stay, m));
  }

  private isolation(stay: Stay): void {
    const rng = this.rng;
    const m = this.startMeasure(stay, 'isolation', false);
    this.later(rng.range(10 * MIN, 50 * MIN), () => {
      if (stay.ended || !m.open) return;
      this.authorise(stay, m);
      const reviews = rng.int(1, 3);
      let t = 0;
      for (let i = 0; i < reviews; i++) {
        t += rng.range(8 * HOUR, 20 * HOUR);
        const last = i === reviews - 1;
        this.later(t, () => {
          if (!stay.ended) this.reviewMeasure(stay, m, last && rng.chance(0.5) ? 'end' : 'continue');
        });
      }
      this.later(t + rng.range(1 * HOUR, 6 * HOUR), () => this.endMeasure(stay, m));
    });
  }

  private medicalConcern(stay: Stay): void {
    const rng = this.rng;
    const c = this.raiseConcern(stay);
    this.later(rng.range(6 * HOUR, 48 * HOUR), () => {
      if (stay.ended) return;
      const outcome = rng.weighted([['continue_detention', 55], ['release', 20], ['alternative_to_detention', 15], ['medical_transfer', 10]] as const);
      this.reviewDetention(stay, c, outcome);
      if (outcome === 'continue_detention') return;
      this.later(rng.range(1 * HOUR, 8 * HOUR), () => {
        if (stay.ended) return;
        if (outcome === 'medical_transfer') this.endGroup(stay.group, 'transfer', 'Republican Clinical Hospital', 'Medical transfer after detention review');
        else this.endGroup(stay.group, 'release', '', outcome === 'release' ? 'Released after detention review' : 'Alternative to detention: reporting obligation');
      });
    });
  }

  // --- inspections ----------------------------------------------------------------------------

  private scheduleInspections(): void {
    let t = this.startMs + this.rng.range(20 * DAY, 60 * DAY);
    while (t < this.endMs - 2 * DAY) {
      const at = t;
      this.q.push(Math.round(at), () => this.inspection(false, false));
      t += this.rng.range(60 * DAY, 120 * DAY);
    }
  }

  private static readonly BODIES: readonly (readonly [string, number, readonly string[]])[] = [
    ['npm', 40, ['Aynur Mammadova', 'Rashad Aliyev', 'Sevinj Guliyeva', 'Farid Hasanli']],
    ['ombudsman', 15, ['Elmira Suleymanova', 'Ilgar Huseynov']],
    ['unhcr', 15, ['Anna Keller', 'Joseph Mwangi']],
    ['iom', 10, ['Leyla Rustamova', 'Marco Bianchi']],
    ['icrc', 10, ['Claire Dupont', 'Teymur Aliyev']],
    ['prosecutor', 10, ['Senior counsellor of justice N. Abbasov']],
  ];

  /** A visit by a monitoring body: recorded, recommendations in the written report, answers. */
  private inspection(lateAnswers: boolean, unanswered: boolean): void {
    const rng = this.rng;
    const [body, , names] = rng.weighted(Simulation.BODIES.map((b) => [b, b[1]] as const));
    const inspectors = [...new Set([rng.pick(names), rng.pick(names)])];
    const startedAt = this.now;
    const endedAt = startedAt + rng.range(3 * HOUR, 8 * HOUR);
    const visit: Entity = { id: '', batch: null };
    this.schedule(endedAt, () => {
      this.rec.call(this.head(this.now), this.now, [visit], 'inspections.recordVisit', 1, (seq) => {
        visit.id = `V${seq}`;
        return {
          body,
          inspectors,
          startedAt: this.at(startedAt),
          endedAt: this.at(Math.round(endedAt)),
          note: 'Unannounced visit; all registers and premises shown',
          at: this.at(startedAt),
        };
      });
      const n = lateAnswers || unanswered ? rng.int(1, 2) : rng.int(1, 4);
      this.later(rng.range(3 * DAY, 14 * DAY), () => {
        const reportAt = this.now;
        for (let i = 0; i < n; i++) {
          const rec: Entity = { id: '', batch: null };
          const due = reportAt + 30 * DAY;
          const text = rng.pick([
            'Ensure information on rights is given in a language the person understands, with a qualified interpreter',
            'Record the reasons why alternatives to detention were not used for each forced placement',
            'Repair ventilation in rooms A-105 to A-108',
            'Provide access to outdoor exercise for at least one hour a day',
            'Keep the register of isolation measures with the time of each review',
            'Refer unaccompanied children to the guardianship authority on the day of arrival',
            'Install a telephone with free calls to the Ombudsman and UNHCR in each block',
          ]);
          this.rec.call(this.head(this.now), this.now, [visit, rec], 'inspections.recommend', 1, (seq) => {
            rec.id = `REC${seq}`;
            return { visitId: visit.id, text, responseDue: this.at(due), at: this.at(reportAt) };
          });
          if (unanswered) continue;
          const answerIn = lateAnswers && i === 0 ? 30 * DAY + rng.range(5 * DAY, 40 * DAY) : rng.range(7 * DAY, 28 * DAY);
          this.later(answerIn, () => {
            const iso = this.at(this.now);
            this.rec.call(this.head(this.now), this.now, [rec], 'inspections.respond', 1, () => ({
              recommendationId: rec.id,
              text: 'Accepted. Measures taken are described in the attached letter of the head of centre.',
              at: iso,
            }));
          });
        }
      });
    });
  }

  // --- deliberate breaches --------------------------------------------------------------------

  private scheduleIncidents(): void {
    const rng = this.rng;
    const perKind = 3 + Math.floor(this.options.persons / 20_000);
    const pastFrom = this.startMs + 0.03 * (this.endMs - this.startMs);
    const pastTo = this.endMs - 100 * DAY;
    INCIDENT_KINDS.forEach((kind, k) => {
      for (let i = 0; i < perKind; i++) {
        const span = Math.max(pastTo - pastFrom, DAY);
        const t = pastFrom + ((i + (k + 1) / (INCIDENT_KINDS.length + 1)) / perKind) * span + rng.range(-2 * DAY, 2 * DAY);
        this.q.push(Math.round(Math.max(this.startMs + DAY, Math.min(t, pastTo))), () => this.incident(kind, false, i));
      }
      for (let i = 0; i < OPEN_PER_KIND; i++) {
        const t = this.endMs - Incidents.currentLead(kind, i);
        this.q.push(Math.round(t), () => this.incident(kind, true, i));
      }
    });
  }

  private incident(kind: IncidentKind, current: boolean, index: number): void {
    new Incidents(this).run(kind, current, index);
  }

  // Helpers the incidents use.

  /** A new single person admitted now in a room of the category (over capacity only if there is no bed). */
  single(
    person: NewPerson,
    spec: AdmitSpec & { cat?: Cat },
  ): Stay {
    const p = this.newPerson(person, this.now - this.rng.int(5, 40) * MIN);
    p.noReadmit = true;
    const regime: Regime = spec.kind === 'forced' ? 'forced' : person.status === 'asylum_seeker' ? 'asylum' : 'voluntary';
    const cat = spec.cat ?? this.catFor(person.sex, person.age < 18, regime);
    let room = this.freeRoom(cat);
    let over = false;
    if (!room) {
      room = this.rooms.get(cat)!.reduce((a, b) => (b.occupants < a.occupants ? b : a));
      over = true;
    }
    const group = this.newGroup(spec.kind, regime);
    return this.admit(p, group, { managed: true, ...spec }, room, over);
  }

  roomsOf(cat: Cat): Room[] {
    return this.rooms.get(cat)!;
  }

  api = {
    addOrder: (s: Stay, basis: Basis, issuedAt: number, months?: number) => this.addOrder(s, basis, issuedAt, months),
    end: (s: Stay, reason: string, destination = '', note = '') => this.end(s, reason, destination, note),
    assign: (s: Stay, room: Room, over = false) => this.assign(s, room, over),
    right: (s: Stay, right: string, state: string, actor: string, extra: Record<string, unknown> = {}, at = this.now) => this.right(s, right, state, actor, extra, at),
    refer: (s: Stay, kind: 'guardianship' | 'trafficking_police') => this.refer(s, kind),
    setStatus: (p: Person, status: PersonStatus, reason: string) => this.setStatus(p, status, reason),
    correct: (p: Person, changes: Record<string, unknown>, reason: string) => this.correct(p, changes, reason),
    startMeasure: (s: Stay, kind: 'disciplinary' | 'isolation', authorised: boolean) => this.startMeasure(s, kind, authorised),
    authorise: (s: Stay, m: Measure) => this.authorise(s, m),
    reviewMeasure: (s: Stay, m: Measure, outcome: 'continue' | 'end') => this.reviewMeasure(s, m, outcome),
    endMeasure: (s: Stay, m: Measure) => this.endMeasure(s, m),
    raiseConcern: (s: Stay) => this.raiseConcern(s),
    reviewDetention: (s: Stay, c: Entity, outcome: 'continue_detention') => this.reviewDetention(s, c, outcome),
    later: (delay: number, run: () => void) => this.later(delay, run),
    at: (t: number, run: () => void) => this.schedule(t, run),
    inspection: (late: boolean, unanswered: boolean) => this.inspection(late, unanswered),
    registrar: (ms: number) => this.registrar(ms),
    duty: (ms: number) => this.duty(ms),
    scheduleLife: (s: Stay) => this.scheduleLife(s),
    forcedLifecycle: (g: Group, basis: Basis) => this.forcedLifecycle(g, basis),
    voluntaryLifecycle: (g: Group, ms: number) => this.voluntaryLifecycle(g, ms),
    newPersonNow: (spec: NewPerson) => this.newPerson(spec, this.now - this.rng.int(5, 40) * MIN),
    admitGroup: (p: Person, g: Group, spec: AdmitSpec, room: Room, over: boolean) => this.admit(p, g, spec, room, over),
    newGroup: (kind: 'forced' | 'voluntary', regime: Regime) => this.newGroup(kind, regime),
    birthDateFor: (age: number, at: number) => this.birthDateFor(age, at),
  };
}

/**
 * The deliberate breaches. Each is a scripted case: a stay admitted for the purpose, with the
 * breach planted and (for past ones) put right later, as a centre would. Current ones are planted
 * close enough to `end` that they still hold there.
 */
class Incidents {
  constructor(private readonly sim: Simulation) {}

  /** How long before `end` a current incident starts, so that it is open at `end`. */
  static currentLead(kind: IncidentKind, i: number): number {
    const d = (x: number) => Math.round(x * HOUR) + i * 37 * MIN;
    switch (kind) {
      case 'stay.exceeded':
        return d(4.5 * 24);
      case 'order.gap':
        return d(60);
      case 'order.chained':
        return d(30);
      case 'forced.status_never_forced':
      case 'asylum.claim_unresolved':
      case 'rights.late':
        return d(60);
      case 'forced.child_under_age':
      case 'minor.unaccompanied_not_referred':
      case 'trafficking.not_referred':
      case 'separation.breach':
      case 'rights.missing':
      case 'isolation.unauthorised':
      case 'isolation.review_overdue':
        return d(48);
      case 'room.over_capacity':
        return d(3);
      case 'entry.late':
        return d(8 * 24 + i * 5 * 24);
      case 'recommendation.overdue':
        return d(50 * 24);
      case 'measure.on_minor':
        return d(36);
      case 'medical.review_overdue':
        return d(15 * 24);
    }
  }

  run(kind: IncidentKind, current: boolean, index: number): void {
    const s = this.sim;
    const a = s.api;
    const rng = s.rng;
    const now = s.now;
    const man = { sex: 'male' as const, age: 24 + rng.range(0, 20) };
    switch (kind) {
      case 'stay.exceeded': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order' });
        if (!current) a.at(now + 72 * HOUR + rng.range(3 * HOUR, 30 * HOUR), () => a.end(stay, 'release', '', 'Released after the court’s order had run out'));
        return;
      }
      case 'order.gap': {
        const stay = s.single(man, { kind: 'forced', basis: 'service_order' });
        const issued = now + 24 * HOUR + rng.range(2 * HOUR, 8 * HOUR);
        a.at(issued, () => a.addOrder(stay, 'court_order', s.now));
        if (!current) a.at(issued + 72 * HOUR - rng.range(4 * HOUR, 20 * HOUR), () => a.end(stay, 'removal', 'Country of origin'));
        return;
      }
      case 'order.chained': {
        const stay = s.single(man, { kind: 'forced', basis: 'service_order' });
        a.at(now + (current ? 20 : rng.range(18, 22)) * HOUR, () => a.addOrder(stay, 'service_order', s.now));
        if (!current) a.at(now + rng.range(40, 46) * HOUR, () => a.end(stay, 'release'));
        return;
      }
      case 'forced.status_never_forced': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order' });
        const when = current ? 36 * HOUR : rng.range(6 * HOUR, 30 * HOUR);
        a.at(now + when, () => a.setStatus(stay.person, 'asylum_seeker', 'Asylum application registered by the refugee status department'));
        if (!current) a.at(now + when + rng.range(6 * HOUR, 36 * HOUR), () => a.end(stay, 'asylum_premises', 'State Migration Service asylum reception facility'));
        return;
      }
      case 'forced.child_under_age': {
        const stay = s.single({ sex: 'male', age: 19.4 }, { kind: 'forced', basis: 'court_order', cat: 'men_forced' });
        const when = current ? 28 * HOUR : rng.range(4 * HOUR, 30 * HOUR);
        a.at(now + when, () =>
          a.correct(stay.person, { birthDate: a.birthDateFor(15.3, s.now) }, 'Birth certificate produced by the family: the person is 15'),
        );
        if (!current) a.at(now + when + rng.range(2 * HOUR, 10 * HOUR), () => a.end(stay, 'release', 'Handed over to his father', 'Child under 16: no forced placement'));
        return;
      }
      case 'minor.unaccompanied_not_referred': {
        const stay = s.single({ sex: 'male', age: 16.4, unaccompanied: true }, { kind: 'forced', basis: 'court_order' });
        if (!current) {
          const when = rng.range(30 * HOUR, 50 * HOUR);
          a.at(now + when, () => a.refer(stay, 'guardianship'));
          a.at(now + when + rng.range(2 * HOUR, 10 * HOUR), () => a.end(stay, 'guardianship', 'Children’s shelter, Baku'));
        }
        return;
      }
      case 'asylum.claim_unresolved': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order', asylumIntent: true });
        if (!current) a.at(now + rng.range(30 * HOUR, 66 * HOUR), () => a.end(stay, 'asylum_premises', 'State Migration Service asylum reception facility'));
        return;
      }
      case 'trafficking.not_referred': {
        const indicators = ['documents_withheld', 'debt_bondage'] as const;
        const stay = s.single({ sex: 'female', age: 22 + rng.range(0, 10) }, { kind: 'forced', basis: 'court_order', trafficking: indicators });
        if (!current) {
          const when = rng.range(30 * HOUR, 60 * HOUR);
          a.at(now + when, () => a.refer(stay, 'trafficking_police'));
          a.at(now + when + rng.range(2 * HOUR, 8 * HOUR), () => a.end(stay, 'other', 'State shelter for victims of trafficking'));
        }
        return;
      }
      case 'separation.breach': {
        const bySex = index % 2 === 0;
        const stay = s.single(man, { kind: 'forced', basis: 'court_order', cat: 'men_forced' });
        const when = current ? 30 * HOUR : rng.range(5 * HOUR, 30 * HOUR);
        a.at(now + when, () => {
          if (bySex) {
            const given = rng.pick(stay.person.nat!.female);
            a.correct(stay.person, { sex: 'female', givenNames: given[0] }, 'Documents show the person is a woman: entered in error');
          } else {
            a.correct(stay.person, { birthDate: a.birthDateFor(17.2, s.now) }, 'Passport received from the consulate: the person is 17');
          }
          if (current) return;
          a.later(rng.range(1 * HOUR, 6 * HOUR), () => {
            const target = s.roomsOf(bySex ? 'women_forced' : 'boys_forced').find((r) => r.occupants < r.capacity);
            if (target) a.assign(stay, target);
            else a.end(stay, 'release', '', 'Released: no suitable room');
            a.later(rng.range(6 * HOUR, 20 * HOUR), () => a.end(stay, 'release'));
          });
        });
        return;
      }
      case 'room.over_capacity': {
        // A raid brings a group: the fullest men's room is filled and one (two now) over.
        const rooms = s.roomsOf('men_forced');
        const withBeds = rooms.filter((r) => r.occupants < r.capacity);
        const room = (withBeds.length ? withBeds : rooms).reduce((x, y) => (y.occupants > x.occupants ? y : x));
        const extra = current ? 2 : 1;
        const n = Math.max(0, room.capacity - room.occupants) + extra;
        const place = rng.pick(['Construction site, Baku, Khatai district', 'Textile workshop, Sumgayit']);
        const group = a.newGroup('forced', 'forced');
        const stays: Stay[] = [];
        for (let i = 0; i < n; i++) {
          const p = a.newPersonNow({ sex: 'male', age: 22 + rng.range(0, 20) });
          p.noReadmit = true;
          const over = room.occupants >= room.capacity;
          stays.push(a.admitGroup(p, i === n - 1 ? a.newGroup('forced', 'forced') : group, { kind: 'forced', basis: 'service_order', managed: true, place }, room, over));
        }
        // The group is decided as one: court orders, then release or removal.
        a.later(rng.range(14 * HOUR, 20 * HOUR), () => {
          for (const st of stays) if (!st.ended) a.addOrder(st, 'court_order', s.now);
        });
        if (current) return;
        const last = stays[stays.length - 1]!;
        a.later(rng.range(6 * HOUR, 12 * HOUR), () => {
          const target = rooms.find((r) => r !== room && r.occupants < r.capacity);
          if (target) a.assign(last, target);
        });
        a.later(rng.range(40 * HOUR, 60 * HOUR), () => {
          for (const st of stays) a.end(st, rng.chance(0.6) ? 'removal' : 'release');
        });
        return;
      }
      case 'rights.missing': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order', skipRights: new Set(['lawyer', 'call_unhcr']) });
        if (!current) a.at(now + rng.range(36 * HOUR, 68 * HOUR), () => a.end(stay, 'release'));
        return;
      }
      case 'rights.late': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order', lateRights: new Map([['medical_examination', (current ? 30 : rng.range(28, 40)) * HOUR]]) });
        if (!current) a.at(now + rng.range(44 * HOUR, 68 * HOUR), () => a.end(stay, 'release'));
        return;
      }
      case 'entry.late': {
        const stay = s.single({ sex: 'male', age: 30 + rng.range(0, 15) }, { kind: 'voluntary' });
        a.voluntaryLifecycle(stay.group, 6 * DAY + rng.range(0, 4 * DAY));
        const eventAt = now + 12 * HOUR;
        a.at(eventAt + rng.range(30 * HOUR, 96 * HOUR), () =>
          a.right(stay, index % 2 ? 'visit_received' : 'complaint', 'exercised', a.duty(s.now), { detail: 'Entered from the paper log after the weekend' }, eventAt),
        );
        return;
      }
      case 'recommendation.overdue':
        return a.inspection(!current, current);
      case 'measure.on_minor': {
        const stay = s.single({ sex: 'male', age: 16.6, unaccompanied: true }, { kind: 'forced', basis: 'court_order' });
        a.later(rng.range(1 * HOUR, 6 * HOUR), () => a.refer(stay, 'guardianship'));
        a.later(current ? 16 * HOUR : rng.range(6 * HOUR, 20 * HOUR), () => {
          const m = a.startMeasure(stay, 'disciplinary', true);
          if (!current) a.later(rng.range(4 * HOUR, 20 * HOUR), () => a.endMeasure(stay, m));
        });
        if (!current) a.at(now + rng.range(44 * HOUR, 66 * HOUR), () => a.end(stay, 'guardianship', 'Children’s shelter, Baku'));
        return;
      }
      case 'isolation.unauthorised': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order' });
        const start = current ? 40 * HOUR : rng.range(6 * HOUR, 30 * HOUR);
        a.later(start, () => {
          const m = a.startMeasure(stay, 'isolation', false);
          if (current) return;
          a.later(rng.range(2 * HOUR, 6 * HOUR), () => a.authorise(stay, m));
          a.later(rng.range(8 * HOUR, 14 * HOUR), () => a.reviewMeasure(stay, m, 'continue'));
          a.later(rng.range(16 * HOUR, 20 * HOUR), () => a.endMeasure(stay, m));
        });
        if (!current) a.at(now + rng.range(60 * HOUR, 68 * HOUR), () => a.end(stay, 'release'));
        return;
      }
      case 'isolation.review_overdue': {
        const stay = s.single(man, { kind: 'forced', basis: 'court_order' });
        const start = current ? 18 * HOUR : rng.range(4 * HOUR, 8 * HOUR);
        a.later(start, () => {
          const m = a.startMeasure(stay, 'isolation', true);
          if (current) return;
          const review = rng.range(28 * HOUR, 40 * HOUR);
          a.later(review, () => a.reviewMeasure(stay, m, 'continue'));
          a.later(review + rng.range(2 * HOUR, 8 * HOUR), () => a.endMeasure(stay, m));
        });
        if (!current) a.at(now + rng.range(60 * HOUR, 68 * HOUR), () => a.end(stay, 'release'));
        return;
      }
      case 'medical.review_overdue': {
        const stay = s.single(man, { kind: 'forced', basis: 'expulsion_evasion', months: 2 });
        a.scheduleLife(stay);
        const concernIn = current ? rng.range(7 * DAY, 10 * DAY) : rng.range(2 * DAY, 10 * DAY);
        a.later(concernIn, () => {
          const c = a.raiseConcern(stay);
          if (current) return;
          a.later(rng.range(80 * HOUR, 150 * HOUR), () => {
            if (!stay.ended) a.reviewDetention(stay, c, 'continue_detention');
          });
        });
        if (!current) a.at(now + rng.range(20 * DAY, 50 * DAY), () => a.end(stay, 'removal', 'Country of origin'));
        return;
      }
    }
  }
}
