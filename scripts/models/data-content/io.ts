/**
 * File access for the content-model loaders: where ../shared/data is, and small readers (text
 * lines, JSON, gzip JSONL, RFC 4180 CSV). Scripts only; src/core never reads files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ArgusError } from '../../../src/core/errors.js';

/** The shared data folder: $ARGUS_DATA_DIR, else ../shared/data beside the repository. */
export function dataDir(): string {
  const dir = process.env.ARGUS_DATA_DIR ?? resolve(process.cwd(), '../shared/data');
  if (!existsSync(dir)) {
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `data folder ${dir} does not exist; set ARGUS_DATA_DIR to the shared data folder`);
  }
  return dir;
}

export function dataPath(...parts: string[]): string {
  return resolve(dataDir(), ...parts);
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `cannot read ${path}`, { cause });
  }
}

/** Non-empty trimmed lines. */
export function readLines(path: string): string[] {
  return read(path).split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
}

/** Lines kept with their position (for files with a parallel label file). */
export function readRawLines(path: string): string[] {
  const lines = read(path).split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function readJson<T = unknown>(path: string): T {
  try {
    return JSON.parse(read(path)) as T;
  } catch (cause) {
    if (cause instanceof ArgusError) throw cause;
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: not valid JSON`, { cause });
  }
}

export function readGzipJsonl<T = unknown>(path: string): T[] {
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  return text.split('\n').filter((l) => l.trim()).map((l, i) => {
    try {
      return JSON.parse(l) as T;
    } catch (cause) {
      throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}:${i + 1}: not valid JSON`, { cause });
    }
  });
}

/** RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) → rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** CSV with a header row → objects keyed by header. */
export function readCsv(path: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(read(path).replace(/^\uFEFF/, ''));
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}
