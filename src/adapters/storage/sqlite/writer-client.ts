import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../spawn-worker.js';
import { ArgusError } from '../../../core/errors.js';
import type { EventStore, InsertOutcome } from '../types.js';
import { seqsToOutcomes } from './row-insert.js';
import { eventToInsertRow, type EventInsertRow } from './rows.js';

/** Rows are encoded on the caller's thread (eventToInsertRow); `seqs` as prepareRowInsert answers. */
export interface WriterRequest { id: number; rows: readonly EventInsertRow[]; durable: boolean }
export type WriterReply = { id: number; seqs: Float64Array } | { id: number; error: string };
/** What the writer thread opens: the database file, its synchronous mode and page cache (MiB). */
export interface WriterOptions { path: string; synchronous: 'full' | 'normal'; cacheMiB?: number }

/**
 * Moves event inserts of a SQLite store onto a worker thread with its own connection to the same
 * file (WAL allows one writer beside readers). The server's event loop then never waits on an
 * insert or an fsync: an acknowledged batch still resolves only after its durable commit, but
 * meanwhile the next request is parsed and the gateway keeps proxying. Reads stay on the main
 * connection and see every commit the writer has reported. The thread starts on the first
 * insert and does not keep the process alive while idle. If it dies, inserts fall back to the
 * main connection.
 */
export function withWriterThread(store: EventStore, o: WriterOptions): EventStore {
  let worker: Worker | undefined;
  let failed = false;
  let nextId = 1;
  const waiting = new Map<number, { resolve: (o: InsertOutcome[]) => void; reject: (e: unknown) => void }>();
  const inflight = new Set<Promise<unknown>>();

  const failAll = (reason: string) => {
    failed = true;
    worker = undefined;
    for (const w of waiting.values()) w.reject(new ArgusError('ARGUS_ERR_STORAGE', `SQLite writer thread stopped: ${reason}`));
    waiting.clear();
  };
  const start = (): Worker => {
    const w = spawnWriter(o);
    w.unref();
    w.on('message', (r: WriterReply) => {
      const entry = waiting.get(r.id);
      if (!entry) return;
      waiting.delete(r.id);
      if (waiting.size === 0) w.unref();
      if ('error' in r) entry.reject(new ArgusError('ARGUS_ERR_STORAGE', `SQLite insert failed: ${r.error}`));
      else entry.resolve(seqsToOutcomes(r.seqs));
    });
    w.on('error', (err) => { if (worker === w) failAll(err.message); });
    w.on('exit', (code) => { if (worker === w) failAll(`exited with code ${code}`); });
    return w;
  };

  return {
    ...store,
    insertEvents(events, options = {}) {
      if (failed || events.length === 0) return store.insertEvents(events, options);
      worker ??= start();
      const w = worker;
      const id = nextId++;
      const done = new Promise<InsertOutcome[]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        if (waiting.size === 1) w.ref(); // pending writes keep the process alive
        w.postMessage({ id, rows: events.map(eventToInsertRow), durable: options.durable !== false } satisfies WriterRequest);
      });
      inflight.add(done);
      const forget = () => { inflight.delete(done); };
      done.then(forget, forget);
      return done;
    },
    async close() {
      const w = worker;
      worker = undefined;
      await Promise.allSettled([...inflight]);
      if (w) await w.terminate();
      await store.close();
    },
  };
}

function spawnWriter(workerData: WriterOptions): Worker {
  return spawnWorker(import.meta.url, 'writer-thread', workerData);
}
