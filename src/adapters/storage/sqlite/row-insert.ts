import type Database from 'better-sqlite3';
import type { InsertOutcome } from '../types.js';
import { INSERT_EVENT_SQL, type EventInsertRow } from './rows.js';

/**
 * One transaction inserting pre-encoded rows (see eventToInsertRow). It answers with one number
 * per row, the stored seq, or 0 for a duplicate id (seqs start at 1), so the writer thread can
 * hand the answer back as one transferable buffer instead of an object per event.
 */
export function prepareRowInsert(db: Database.Database): (rows: readonly EventInsertRow[]) => Float64Array<ArrayBuffer> {
  const insert = db.prepare(INSERT_EVENT_SQL);
  return db.transaction((rows: readonly EventInsertRow[]) => {
    const seqs = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = insert.run(rows[i] as EventInsertRow);
      if (r.changes === 1) seqs[i] = Number(r.lastInsertRowid);
    }
    return seqs;
  });
}

export function seqsToOutcomes(seqs: Float64Array): InsertOutcome[] {
  const out: InsertOutcome[] = new Array(seqs.length);
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i] as number;
    out[i] = seq > 0 ? { status: 'accepted', seq } : { status: 'duplicate' };
  }
  return out;
}
