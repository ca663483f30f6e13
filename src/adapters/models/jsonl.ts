import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { ArgusError } from '../../core/errors.js';

/** Opens a file, or stdin for '-', as a byte stream; throws a one-line error for a missing file. */
export function openInput(path: string): Readable {
  if (path === '-') return process.stdin;
  if (!existsSync(path)) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `no such file: ${path}`);
  return createReadStream(path);
}

export function inputSize(path: string): number | undefined {
  return path === '-' ? undefined : statSync(path).size;
}

/** Lines of a stream with 1-based line numbers and the bytes read so far (approximate for stdin). */
export async function* readLines(stream: Readable): AsyncGenerator<{ line: string; lineNo: number; bytes: number }> {
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  let bytes = 0;
  for await (const line of rl) {
    lineNo++;
    bytes += Buffer.byteLength(line) + 1;
    yield { line, lineNo, bytes };
  }
}

/**
 * Reads a whole JSONL file through `parse`, collecting every bad line; throws ARGUS_ERR_INVALID_DATA
 * listing the first few as `file:line: message` when any line is bad. Blank lines are skipped.
 */
export async function readJsonlStrict<T>(path: string, parse: (row: unknown) => T): Promise<T[]> {
  const rows: T[] = [];
  const errors: string[] = [];
  let bad = 0;
  for await (const { line, lineNo } of readLines(openInput(path))) {
    if (!line.trim()) continue;
    try {
      rows.push(parse(JSON.parse(line)));
    } catch (err) {
      bad++;
      if (errors.length < 5) errors.push(`${path}:${lineNo}: ${err instanceof SyntaxError ? `invalid JSON (${err.message})` : err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (bad > 0) {
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${bad} bad row${bad === 1 ? '' : 's'}: ${errors.join('; ')}${bad > errors.length ? `; and ${bad - errors.length} more` : ''}`);
  }
  return rows;
}
