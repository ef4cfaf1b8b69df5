// A centre for tests: its own database in a temporary folder, a clock the test moves, and one
// account per role. The accounts are created once per test file (scrypt is slow on purpose) and the
// database file is copied for each test.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MethodName, InputOf, OutputOf } from '../../domain/api/contract.ts';
import { toIso, toMs, HOUR_MS } from '../../domain/time.ts';
import { openDatabase, type Db } from '../../db/connection.ts';
import { CentreService } from '../../services/service.ts';
import { ApiError } from '../../services/errors.ts';

export const T0 = '2026-03-02T08:00:00.000Z';
export const PASSWORD = 'correct horse battery';
export const ROLE_USERS = {
  head: 'head',
  registrar: 'reg',
  duty: 'duty',
  medical: 'doc',
  inspector: 'insp',
} as const;

export class TestClock {
  ms: number;
  constructor(at: string = T0) {
    this.ms = toMs(at);
  }
  now = (): number => this.ms;
  set(at: string): void {
    this.ms = toMs(at);
  }
  advanceHours(hours: number): string {
    this.ms += hours * HOUR_MS;
    return toIso(this.ms);
  }
  get iso(): string {
    return toIso(this.ms);
  }
}

export interface TestCentre {
  dir: string;
  path: string;
  db: Db;
  clock: TestClock;
  service: CentreService;
  /** Calls as a user (default: the registrar). */
  call<M extends MethodName>(method: M, input: InputOf<M>, as?: string): OutputOf<M>;
  /** Calls and expects a refusal; returns the ApiError. */
  refuse(method: MethodName, input: unknown, as?: string): ApiError;
  close(): void;
}

let template: string | null = null;

function buildTemplate(): string {
  const dir = mkdtempSync(join(tmpdir(), 'centre-template-'));
  const path = join(dir, 'centre.db');
  const db = openDatabase(path);
  const clock = new TestClock('2026-03-01T00:00:00.000Z');
  const service = new CentreService(db, { clock: clock.now });
  service.call(
    'centre.setup',
    {
      name: 'Test Centre',
      timeZone: 'Asia/Baku',
      profileId: 'az-migration-code-2023',
      head: { username: ROLE_USERS.head, displayName: 'Head of Centre', password: PASSWORD },
    },
    null,
  );
  const roles = [
    [ROLE_USERS.registrar, 'registrar'],
    [ROLE_USERS.duty, 'duty_officer'],
    [ROLE_USERS.medical, 'medical_officer'],
    [ROLE_USERS.inspector, 'inspector'],
  ] as const;
  for (const [username, role] of roles) {
    service.call('accounts.create', { username, displayName: username, role, password: PASSWORD }, { username: 'head' });
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path;
}

export function createTestCentre(at: string = T0): TestCentre {
  template ??= buildTemplate();
  const dir = mkdtempSync(join(tmpdir(), 'centre-test-'));
  const path = join(dir, 'centre.db');
  copyFileSync(template, path);
  const db = openDatabase(path);
  const clock = new TestClock(at);
  const service = new CentreService(db, { clock: clock.now });
  return {
    dir,
    path,
    db,
    clock,
    service,
    call: (method, input, as = ROLE_USERS.registrar) => service.call(method, input, { username: as }),
    refuse: (method, input, as = ROLE_USERS.registrar) => {
      try {
        service.call(method, input, { username: as });
      } catch (err) {
        if (err instanceof ApiError) return err;
        throw err;
      }
      throw new Error(`expected ${method} to be refused, but it succeeded`);
    },
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
