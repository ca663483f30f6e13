import { readFile } from 'node:fs/promises';
import { ArgusError } from '../core/errors.js';
import { parseJsonText } from './json-text.js';

/**
 * Reads categorical data for `argus drift --kind categorical`. Accepted formats:
 *  - a JSON object of counts per category, e.g. {"refuse": 120, "comply": 870, "partial": 10};
 *  - a JSON array of labels, e.g. ["refuse", "comply", null]; null or "" is missing;
 *  - text with one label per line (trimmed); an empty line is missing; a final newline is not.
 * Errors name the file, the line (or key / index) and the problem.
 */
export interface CategoryData {
  counts: Record<string, number>;
  missingCount: number;
}

function dataError(message: string): ArgusError {
  return new ArgusError('ARGUS_ERR_INVALID_DATA', message);
}

export function parseCategories(text: string, source: string): CategoryData {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trimStart();
  const counts: Record<string, number> = {};
  let missingCount = 0;
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonText(body, source) as Record<string, unknown>;
    for (const [label, value] of Object.entries(parsed)) {
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        throw dataError(`${source}: category ${JSON.stringify(label)}: expected a count >= 0, got ${JSON.stringify(value)}`);
      }
      counts[label] = value;
    }
    return { counts, missingCount };
  }
  if (trimmed.startsWith('[')) {
    const parsed = parseJsonText(body, source);
    if (!Array.isArray(parsed)) throw dataError(`${source}: expected a JSON array of labels`);
    parsed.forEach((item: unknown, index) => {
      if (item === null || item === '') missingCount++;
      else if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
        const label = String(item);
        counts[label] = (counts[label] ?? 0) + 1;
      } else throw dataError(`${source}: element ${index}: expected a label (string), got ${JSON.stringify(item)}`);
    });
    return { counts, missingCount };
  }
  const lines = body.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const label = line.trim();
    if (label === '') missingCount++;
    else counts[label] = (counts[label] ?? 0) + 1;
  }
  return { counts, missingCount };
}

export async function readCategoryFile(path: string): Promise<CategoryData> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'read error';
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: cannot read file (${code})`, { cause: err });
  }
  return parseCategories(text, path);
}

/** True when the file content is a JSON object (the categorical counts format). */
export function looksLikeCountsObject(text: string): boolean {
  return text.replace(/^\uFEFF/, '').trimStart().startsWith('{');
}
