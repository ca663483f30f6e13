import type { z } from 'zod';
import { formatIssues } from '../../contracts/event.js';
import { ArgusError } from '../../core/errors.js';
import { parseJsonBody } from '../body.js';

/** Validates a JSON body (an empty body counts as {}) against a schema; errors name each path. */
export function bodyOf<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const value = Buffer.isBuffer(raw) && raw.length > 0 ? parseJsonBody(raw) : {};
  const r = schema.safeParse(value);
  if (!r.success) throw new ArgusError('ARGUS_ERR_INVALID_BODY', formatIssues(r.error).join('; '));
  return r.data;
}

export function queryOf<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const r = schema.safeParse(raw ?? {});
  if (!r.success) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', formatIssues(r.error).join('; '));
  return r.data;
}

export function idParam(raw: unknown, what: string): number {
  const id = Number((raw as { id?: string }).id);
  if (!Number.isInteger(id) || id < 1) throw new ArgusError('ARGUS_ERR_INVALID_QUERY', `${what} id: expected a positive whole number, got '${String((raw as { id?: string }).id)}'`);
  return id;
}

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
