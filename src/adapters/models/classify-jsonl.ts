import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import type { ClassifierSuite } from '../../core/classify/suite.js';
import type { ChatMessage, ClassifyItem } from '../../core/classify/types.js';
import { readLines } from './jsonl.js';

export interface ClassifyJsonlSummary {
  lines: number;
  classified: number;
  bad: number;
}

/** Checks one parsed line and returns the item to classify, or a message naming the problem. */
export function itemFromRow(row: unknown): ClassifyItem | string {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'expected a JSON object';
  const r = row as Record<string, unknown>;
  if (typeof r.output !== 'string') return `"output" must be a string, got ${r.output === undefined ? 'nothing' : typeof r.output}`;
  const input = r.input;
  if (input === undefined || input === null || typeof input === 'string') return { output: r.output, input: input ?? undefined };
  if (Array.isArray(input)) {
    const i = input.findIndex((m) => typeof m !== 'object' || m === null || typeof (m as ChatMessage).content !== 'string' || typeof (m as ChatMessage).role !== 'string');
    if (i >= 0) return `"input"[${i}] must be {role, content} with string values`;
    return { output: r.output, input: input as ChatMessage[] };
  }
  return '"input" must be a string or a list of chat messages';
}

/**
 * Streams JSONL through the suite: one object in, the same object with an `argus` field out, one
 * line at a time (constant memory; waits for the writer to drain). Bad lines are reported through
 * `onBadLine` and skipped; blank lines are ignored.
 */
export async function classifyJsonl(
  input: Readable,
  output: Writable,
  suite: ClassifierSuite,
  hooks: { onProgress?: (bytes: number, lines: number) => void; onBadLine?: (lineNo: number, message: string) => void } = {},
): Promise<ClassifyJsonlSummary> {
  const summary: ClassifyJsonlSummary = { lines: 0, classified: 0, bad: 0 };
  for await (const { line, lineNo, bytes } of readLines(input)) {
    summary.lines = lineNo;
    if (lineNo % 256 === 0) hooks.onProgress?.(bytes, lineNo);
    if (!line.trim()) continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (err) {
      summary.bad++;
      hooks.onBadLine?.(lineNo, `invalid JSON (${err instanceof Error ? err.message : String(err)})`);
      continue;
    }
    const item = itemFromRow(row);
    if (typeof item === 'string') {
      summary.bad++;
      hooks.onBadLine?.(lineNo, item);
      continue;
    }
    let text: string;
    try {
      text = `${JSON.stringify({ ...(row as object), argus: suite.classify(item) })}\n`;
    } catch (err) {
      summary.bad++;
      hooks.onBadLine?.(lineNo, err instanceof Error ? err.message : String(err));
      continue;
    }
    summary.classified++;
    if (!output.write(text)) await once(output, 'drain');
  }
  return summary;
}
