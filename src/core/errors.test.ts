import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderErrorsDoc } from './errors-doc.js';
import { ArgusError, ERROR_CATALOGUE, invalidInput } from './errors.js';

describe('error catalogue', () => {
  it('has unique codes with the ARGUS_ERR_ prefix, a 4xx/5xx status and both texts', () => {
    const codes = Object.keys(ERROR_CATALOGUE);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, e] of Object.entries(ERROR_CATALOGUE)) {
      expect(code).toMatch(/^ARGUS_ERR_[A-Z_]+$/);
      expect(e.status).toBeGreaterThanOrEqual(400);
      expect(e.status).toBeLessThan(600);
      expect(e.meaning.length).toBeGreaterThan(10);
      expect(e.fix.length).toBeGreaterThan(5);
    }
  });

  it('is documented: docs/errors.md is what the catalogue renders', () => {
    expect(readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8')).toBe(renderErrorsDoc());
  });

  it('carries code, status, details and cause', () => {
    const cause = new Error('low level');
    const err = new ArgusError('ARGUS_ERR_STORAGE', 'write failed', { details: { table: 'events' }, cause });
    expect(err).toMatchObject({ code: 'ARGUS_ERR_STORAGE', status: 503, details: { table: 'events' }, message: 'write failed' });
    expect(err.cause).toBe(cause);
    expect(invalidInput('bins must be positive, got -1')).toMatchObject({ code: 'ARGUS_ERR_INVALID_INPUT', status: 400 });
  });
});
