import { parentPort, workerData } from 'node:worker_threads';
import type { EventRecord } from '../../../core/events/event.js';
import { ArgusError } from '../../../core/errors.js';
import { createSqliteEventStore, openSqliteDatabase } from './sqlite-event-store.js';
import type { WriterReply, WriterRequest } from './writer-client.js';

/** Entry of the SQLite writer thread (see writer-client.ts): one connection, one insert at a time. */
const { path, synchronous } = workerData as { path: string; synchronous: 'full' | 'normal' };
const store = createSqliteEventStore(openSqliteDatabase({ path, synchronous }), { synchronous });
const port = parentPort;

port?.on('message', (m: WriterRequest) => {
  // insertEvents runs synchronously inside; messages are handled strictly one after another.
  store.insertEvents(m.events as EventRecord[], { durable: m.durable }).then(
    (outcomes) => { port.postMessage({ id: m.id, outcomes } satisfies WriterReply); },
    (err: unknown) => {
      const message = err instanceof ArgusError || err instanceof Error ? err.message : String(err);
      port.postMessage({ id: m.id, error: message } satisfies WriterReply);
    },
  );
});
