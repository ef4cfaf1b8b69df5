// The main thread's side of the store worker (store-worker.ts): entries sent as soon as their chain
// is checked, then finish or abort. Requests are answered in order; entries get no answer.

import { Worker } from 'node:worker_threads';
import type { JournalChunk } from '../../bundle/format/journal.ts';
import type { HqCentreRow } from '../../db/hq/store.ts';
import type { StoreReply, StoreRequest } from './store-worker.ts';

export class StoreChanged extends Error {
  override name = 'StoreChanged';
}

export class WorkerStore {
  private readonly worker: Worker;
  private readonly waiting: ((r: StoreReply) => void)[] = [];
  private readonly early: StoreReply[] = [];
  private exited = false;
  private readonly ready: Promise<StoreReply>;

  constructor(entry: string | URL, dbPath: string, begin: Extract<StoreRequest, { type: 'begin' }>) {
    this.worker = new Worker(entry, { workerData: { dbPath } });
    this.worker.on('message', (r: StoreReply) => {
      const w = this.waiting.shift();
      if (w) w(r);
      else this.early.push(r);
    });
    const dead = (message: string) => {
      this.exited = true;
      for (const w of this.waiting.splice(0)) w({ type: 'error', message });
    };
    this.worker.on('error', (err) => dead(`the store thread failed: ${err.message}`));
    this.worker.on('exit', () => dead('the store thread stopped'));
    this.worker.postMessage(begin);
    this.ready = this.next();
  }

  private next(): Promise<StoreReply> {
    const r = this.early.shift();
    if (r) return Promise.resolve(r);
    if (this.exited) return Promise.resolve({ type: 'error', message: 'the store thread stopped' });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A verified chunk: its entries (those after what HQ holds) go in now. */
  entries(chunk: JournalChunk, firstSeq: number): void {
    const raw = chunk.raw.slice();
    this.worker.postMessage(
      { type: 'entries', firstSeq, count: chunk.count, raw, starts: chunk.starts.slice(), ends: chunk.ends.slice(), digests: chunk.digests!.slice(0, 32 * chunk.count) } satisfies StoreRequest,
      [raw.buffer],
    );
  }

  /** Commits everything; the centre's row after. */
  async finish(request: Extract<StoreRequest, { type: 'finish' }>): Promise<HqCentreRow> {
    try {
      await this.expect(await this.ready);
      this.worker.postMessage(request);
      const r = await this.next();
      await this.expect(r);
      return (r as Extract<StoreReply, { type: 'done' }>).row;
    } finally {
      await this.worker.terminate();
    }
  }

  /** Discards everything stored so far. */
  async abort(): Promise<void> {
    if (this.exited) return;
    try {
      await this.ready;
      this.worker.postMessage({ type: 'abort' } satisfies StoreRequest);
      await this.next();
    } finally {
      await this.worker.terminate();
    }
  }

  private async expect(r: StoreReply): Promise<void> {
    if (r.type === 'changed') throw new StoreChanged('HQ’s copy of the centre changed meanwhile');
    if (r.type === 'error') throw new Error(r.message);
  }
}
