import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { EventStore } from '../adapters/storage/types.js';
import { formatIssues } from '../contracts/event.js';
import type { EventParser } from '../contracts/event-fast.js';
import type { EventRecord } from '../core/events/event.js';
import { toEventRecord } from './normalize-event.js';
import type { HashUser } from './user-hash.js';

export interface ImportSummary {
  lines: number;
  accepted: number;
  duplicates: number;
  invalid: number;
  /** The first `maxReportedInvalid` invalid lines, 1-based, with the reason. */
  invalidLines: Array<{ line: number; error: string }>;
}

export interface ImportOptions {
  store: EventStore;
  /** createEventParser: the fast check, zod for anything it is unsure of. */
  parseEvent: EventParser;
  hashUser: HashUser;
  nowMs: () => number;
  batchSize?: number;
  maxReportedInvalid?: number;
  onProgress?: (p: { lines: number; bytes: number }) => void;
}

/** The size of a file to import, for a progress bar; undefined for stdin. */
export function importSize(path: string): number | undefined {
  return path === '-' ? undefined : statSync(path).size;
}

/**
 * Streams a JSONL file of events into the store in batches, one transaction each: constant
 * memory, every line accounted for. Blank lines are skipped; a bad line costs only itself.
 */
export async function importJsonl(input: Readable, o: ImportOptions): Promise<ImportSummary> {
  const batchSize = o.batchSize ?? 2_000;
  const maxReported = o.maxReportedInvalid ?? 1_000;
  const summary: ImportSummary = { lines: 0, accepted: 0, duplicates: 0, invalid: 0, invalidLines: [] };
  let batch: EventRecord[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    for (const out of await o.store.insertEvents(batch)) {
      if (out.status === 'accepted') summary.accepted++; else summary.duplicates++;
    }
    batch = [];
  };
  const invalid = (line: number, error: string) => {
    summary.invalid++;
    if (summary.invalidLines.length < maxReported) summary.invalidLines.push({ line, error });
  };
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const text of lines) {
    summary.lines++;
    bytes += Buffer.byteLength(text) + 1;
    if (text.trim() === '') continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (err) {
      invalid(summary.lines, `not valid JSON: ${(err as Error).message}`);
      continue;
    }
    const parsed = o.parseEvent(raw);
    if (!parsed.success) {
      invalid(summary.lines, formatIssues(parsed.error).slice(0, 3).join('; '));
      continue;
    }
    batch.push(toEventRecord(parsed.data, o.nowMs(), o.hashUser));
    if (batch.length >= batchSize) {
      await flush();
      o.onProgress?.({ lines: summary.lines, bytes });
    }
  }
  await flush();
  o.onProgress?.({ lines: summary.lines, bytes });
  return summary;
}

export function openImportInput(path: string): Readable {
  return path === '-' ? process.stdin : createReadStream(path);
}
