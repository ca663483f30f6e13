import { readFile } from 'node:fs/promises';
import { ArgusError } from '../core/errors.js';
import { parseJsonText } from './json-text.js';

/**
 * Reads a numeric series from a file, for the offline CLI commands (`argus drift`,
 * `argus changepoints`). Accepted formats:
 *  - a JSON array of numbers, where `null`, `"NaN"` or `""` mark a missing value;
 *  - text or CSV with one value per line; a first line that is not a number is a header, and
 *    with several columns `column` picks one by name. `null`, `NaN` (any case) or an empty cell
 *    is missing. A final newline does not add a missing value.
 * Missing values are skipped and counted; anything else that is not a finite number is an
 * error naming the file, the line (or array index) and the bad value.
 */
export interface SeriesData {
  /** The finite values, in file order, missing ones removed. */
  values: number[];
  /** For each kept value, its 0-based position in the series as written (missing included). */
  positions: number[];
  /** How many values were missing (null, empty or NaN). */
  missingCount: number;
  /** The column read, when the file had a header. */
  column?: string;
}

export interface SeriesReadOptions {
  column?: string;
}

function dataError(message: string): ArgusError {
  return new ArgusError('ARGUS_ERR_INVALID_DATA', message);
}

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Splits one CSV line, honouring double quotes ("a,b" and "" inside quotes). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function isMissingToken(cell: string): boolean {
  const t = cell.trim().toLowerCase();
  return t === '' || t === 'null' || t === 'nan';
}

function detectDelimiter(line: string): string {
  if (line.includes(',')) return ',';
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

function parseJsonSeries(text: string, source: string): SeriesData {
  const parsed = parseJsonText(text, source);
  if (!Array.isArray(parsed)) throw dataError(`${source}: expected a JSON array of numbers, got ${typeof parsed}`);
  const out: SeriesData = { values: [], positions: [], missingCount: 0 };
  parsed.forEach((item: unknown, index) => {
    if (item === null || (typeof item === 'string' && isMissingToken(item))) {
      out.missingCount++;
    } else if (typeof item === 'number' && Number.isFinite(item)) {
      out.values.push(item);
      out.positions.push(index);
    } else {
      throw dataError(`${source}: element ${index}: expected a number or null, got ${JSON.stringify(item)}`);
    }
  });
  return out;
}

function parseTextSeries(text: string, source: string, column: string | undefined): SeriesData {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: SeriesData = { values: [], positions: [], missingCount: 0 };
  if (lines.length === 0) return out;
  const first = lines[0] as string;
  const delimiter = detectDelimiter(first);
  const firstCells = splitCsvLine(first, delimiter);
  const hasHeader = column !== undefined || firstCells.some((c) => !NUMBER_RE.test(c) && !isMissingToken(c));
  let columnIndex = 0;
  if (hasHeader) {
    if (column !== undefined) {
      columnIndex = firstCells.indexOf(column);
      if (columnIndex < 0) throw dataError(`${source}:1: no column named ${JSON.stringify(column)} (columns: ${firstCells.join(', ')})`);
      out.column = column;
    } else if (firstCells.length > 1) {
      throw dataError(`${source}:1: ${firstCells.length} columns (${firstCells.join(', ')}); pick one with --column`);
    } else out.column = firstCells[0] as string;
  } else if (firstCells.length > 1) {
    throw dataError(`${source}:1: ${firstCells.length} values on a line and no header; write one value per line or add a header and pass --column`);
  }
  for (let i = hasHeader ? 1 : 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const cells = hasHeader && firstCells.length > 1 ? splitCsvLine(line, delimiter) : [line.trim()];
    const cell = cells[columnIndex];
    if (cell === undefined) throw dataError(`${source}:${i + 1}: missing column ${columnIndex + 1} (line has ${cells.length} cells)`);
    const position = out.values.length + out.missingCount;
    if (isMissingToken(cell)) out.missingCount++;
    else if (NUMBER_RE.test(cell)) {
      out.values.push(Number(cell));
      out.positions.push(position);
    } else throw dataError(`${source}:${i + 1}: expected a number, got ${JSON.stringify(cell)}`);
  }
  return out;
}

/** Parses series text already read; `source` names it in errors. */
export function parseSeries(text: string, source: string, options: SeriesReadOptions = {}): SeriesData {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) {
    if (options.column !== undefined) throw dataError(`${source}: --column applies to CSV files, but this file is a JSON array`);
    return parseJsonSeries(body, source);
  }
  return parseTextSeries(body, source, options.column);
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: cannot read file (${code})`, { cause: err });
  }
}

/** Reads and parses a numeric series file (JSON array, or text/CSV one value per line). */
export async function readSeriesFile(path: string, options: SeriesReadOptions = {}): Promise<SeriesData> {
  return parseSeries(await readText(path), path, options);
}

export { readText as readTextFile };
