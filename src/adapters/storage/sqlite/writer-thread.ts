import { parentPort, workerData } from 'node:worker_threads';
import { prepareRowInsert } from './row-insert.js';
import { openSqliteDatabase } from './sqlite-event-store.js';
import type { WriterOptions, WriterReply, WriterRequest } from './writer-client.js';

/** Entry of the SQLite writer thread (see writer-client.ts): one connection, one insert at a time. */
const { path, synchronous, cacheMiB } = workerData as WriterOptions;
const db = openSqliteDatabase({ path, synchronous, cacheMiB });
const insertRows = prepareRowInsert(db);
// In WAL mode, NORMAL commits skip the fsync; a later FULL commit syncs everything before it.
const durableMode = synchronous === 'normal' ? 'NORMAL' : 'FULL';
let currentMode = '';
const port = parentPort;

port?.on('message', (m: WriterRequest) => {
  // Runs synchronously: messages are handled strictly one after another.
  try {
    const mode = m.durable ? durableMode : 'NORMAL';
    if (mode !== currentMode) { db.pragma(`synchronous = ${mode}`); currentMode = mode; }
    const seqs = insertRows(m.rows);
    port.postMessage({ id: m.id, seqs } satisfies WriterReply, [seqs.buffer]);
  } catch (err) {
    port.postMessage({ id: m.id, error: err instanceof Error ? err.message : String(err) } satisfies WriterReply);
  }
});
