// How the seeder writes: every change is a real API call (CentreService.batch, as the account that
// makes it), so the journal, projections and refusals are the real ones. Calls are grouped per
// account into batches of what that person would enter in one sitting (a few minutes of simulated
// time), and each batch is one service.batch call: one savepoint, one caller lookup.
//
// Ids the API assigns are the prefix and the seq of the creating entry (S123, P45, …). The recorder
// knows how many entries each call appends, so it computes the ids when the batch is sent, and then
// checks every call's returned seq against what it predicted: a mismatch is a bug in the seeder.
//
// Batches of different accounts are sent in an order that respects what they touch: a call that
// touches an entity (person, stay, room, measure, …) last touched by another account's pending batch
// sends that batch first, so every call sees what came before it in simulated time.

import { ApiError } from '../errors.ts';
import type { CentreService } from '../service.ts';

export interface Batch {
  readonly actor: string;
  readonly calls: PendingCall[];
  readonly firstAt: number;
  /** Simulated time of the latest call queued. */
  lastAt: number;
  done: boolean;
}

/** Anything a call creates or touches; `id` is known once its creating call is sent. */
export interface Entity {
  id: string;
  batch: Batch | null;
}

export interface PendingCall {
  method: string;
  /** Journal entries the call appends. */
  entries: number;
  /** Builds the input; `seq` is the seq of the first entry the call will append (for ids). */
  build: (seq: number) => unknown;
}

export class SeedError extends Error {
  override name = 'SeedError';
}

export class Recorder {
  /** Seq of the last journal entry. */
  head: number;
  clockMs: number;
  calls = 0;
  batches = 0;
  private readonly open = new Map<string, Batch>();
  private nextDue = Infinity;

  constructor(
    private readonly service: CentreService,
    head: number,
    clockMs: number,
    private readonly windowMs: number,
    private readonly maxCalls: number,
    private readonly jitter: () => number,
    /** The clock never passes the end of the simulated history. */
    private readonly endMs: number,
  ) {
    this.head = head;
    this.clockMs = clockMs;
  }

  /**
   * Queues a call by `actor` at simulated time `now`. `touches` are the entities the call reads or
   * changes; a pending batch of another account that touched one of them is sent first.
   */
  call(actor: string, now: number, touches: readonly (Entity | null | undefined)[], method: string, entries: number, build: (seq: number) => unknown): void {
    let batch = this.open.get(actor);
    for (const e of touches) {
      const other = e?.batch;
      if (other && !other.done && other !== batch) this.send(other, now);
    }
    if (!batch || batch.done) {
      batch = { actor, calls: [], firstAt: now, lastAt: now, done: false };
      this.open.set(actor, batch);
      if (now + this.windowMs < this.nextDue) this.nextDue = now + this.windowMs;
    }
    batch.calls.push({ method, entries, build });
    if (now > batch.lastAt) batch.lastAt = now;
    for (const e of touches) if (e) e.batch = batch;
    if (batch.calls.length >= this.maxCalls) this.send(batch, now);
  }

  /** Sends the batches whose sitting ended before `now` (call it before processing an event at `now`). */
  tick(now: number): void {
    if (now < this.nextDue) return;
    let next = Infinity;
    for (const b of this.open.values()) {
      if (b.done) continue;
      if (b.firstAt + this.windowMs <= now) this.send(b, now);
      else next = Math.min(next, b.firstAt + this.windowMs);
    }
    this.nextDue = next;
  }

  flushAll(now: number): void {
    // Oldest first: a batch never depends on a younger one of another account (see `call`).
    const pending = [...this.open.values()].filter((b) => !b.done).sort((a, b) => a.firstAt - b.firstAt);
    for (const b of pending) if (!b.done) this.send(b, now);
    this.nextDue = Infinity;
  }

  /**
   * Sends a batch as one service.batch call. The clock reads the time of its last call plus a few
   * minutes (never less than it read before, never past the end of the history).
   */
  send(batch: Batch, _now: number): void {
    if (batch.done) return;
    batch.done = true;
    if (this.open.get(batch.actor) === batch) this.open.delete(batch.actor);
    const calls = batch.calls;
    if (calls.length === 0) return;
    const inputs: { method: string; input: unknown }[] = new Array(calls.length);
    const expected: number[] = new Array(calls.length);
    let seq = this.head + 1;
    for (let i = 0; i < calls.length; i++) {
      const c = calls[i]!;
      inputs[i] = { method: c.method, input: c.build(seq) };
      seq += c.entries;
      expected[i] = seq - 1;
    }
    const last = batch.lastAt;
    this.clockMs = Math.max(this.clockMs, Math.min(last + this.jitter(), Math.max(last, this.endMs)));
    let results: unknown[];
    try {
      results = this.service.batch(inputs, { username: batch.actor });
    } catch (err) {
      const detail = err instanceof ApiError ? JSON.stringify(err.reasons) : '';
      const index = err instanceof ApiError ? err.reasons.find((r) => typeof r.params?.['call'] === 'number')?.params?.['call'] : undefined;
      const shown = typeof index === 'number' ? [inputs[index]] : inputs.slice(0, 3);
      throw new SeedError(
        `the seeder made a call the API refused (a bug in the generator): ${(err as Error).message} ${detail}\n` +
          `actor ${batch.actor}, ${calls.length} calls, clock ${new Date(this.clockMs).toISOString()}: ${JSON.stringify(shown).slice(0, 4000)}`,
      );
    }
    for (let i = 0; i < results.length; i++) {
      const got = (results[i] as { seq?: number }).seq;
      if (got !== expected[i]) {
        throw new SeedError(
          `seeder bookkeeping: ${inputs[i]!.method} appended up to seq ${got}, expected ${expected[i]} (${JSON.stringify(inputs[i]).slice(0, 500)})`,
        );
      }
    }
    this.head = seq - 1;
    this.calls += calls.length;
    this.batches++;
  }
}
