import { describe, expect, it } from 'vitest';
import { requiredAccess, roleAllows, ROLES, type AccessPolicy } from './access.js';

const closed: AccessPolicy = { ingest: 'key', metrics: 'open' };

describe('roleAllows', () => {
  it('orders staff roles and keeps ingest apart', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'reviewer')).toBe(false);
    expect(roleAllows('reviewer', 'viewer')).toBe(true);
    expect(roleAllows('reviewer', 'admin')).toBe(false);
    expect(roleAllows('admin', 'admin')).toBe(true);
    expect(roleAllows('ingest', 'viewer')).toBe(false);
    expect(roleAllows('ingest', 'ingest')).toBe(true);
    expect(roleAllows('admin', 'ingest')).toBe(true);
    expect(roleAllows('reviewer', 'ingest')).toBe(false);
    for (const r of ROLES) expect(roleAllows(r, 'public')).toBe(true);
  });
});

describe('requiredAccess', () => {
  it('maps each kind of route to the role the issue asks for', () => {
    const cases: Array<[string, string, string]> = [
      ['GET', '/healthz', 'public'], ['GET', '/readyz', 'public'], ['GET', '/metrics', 'public'],
      ['GET', '/login', 'public'], ['POST', '/login', 'public'], ['GET', '/assets/index-abc.js', 'public'],
      ['POST', '/v1/chat/completions', 'public'], ['GET', '/v1/models', 'public'],
      ['POST', '/api/v1/events', 'ingest'], ['POST', '/v1/traces', 'ingest'],
      ['GET', '/', 'viewer'], ['GET', '/api/v1/events', 'viewer'], ['GET', '/api/v1/overview', 'viewer'], ['GET', '/api/v1/review', 'viewer'],
      ['POST', '/api/v1/alerts/a-1/ack', 'reviewer'], ['POST', '/api/v1/review/3/label', 'reviewer'],
      ['POST', '/api/v1/incidents', 'reviewer'], ['POST', '/api/v1/incidents/4/ack', 'reviewer'],
      ['POST', '/api/v1/incidents/4/transition', 'admin'], ['POST', '/api/v1/mitigations', 'admin'],
      ['POST', '/api/v1/mitigations/restore', 'admin'], ['POST', '/api/v1/mitigations/2/approve', 'admin'],
      ['POST', '/api/v1/baselines/b1/activate', 'admin'], ['DELETE', '/api/v1/anything', 'admin'], ['POST', '/somewhere', 'admin'],
    ];
    for (const [m, p, want] of cases) expect(`${m} ${p} -> ${requiredAccess(m, p, closed)}`).toBe(`${m} ${p} -> ${want}`);
  });
  it('needs a reviewer to read raw review text', () => {
    expect(requiredAccess('GET', '/api/v1/review', closed, true)).toBe('reviewer');
    expect(requiredAccess('GET', '/api/v1/review/5', closed, true)).toBe('reviewer');
    expect(requiredAccess('GET', '/api/v1/overview', closed, true)).toBe('viewer');
  });
  it('follows the ingest and metrics policy', () => {
    const p: AccessPolicy = { ingest: 'open', metrics: 'key' };
    expect(requiredAccess('POST', '/api/v1/events', p)).toBe('public');
    expect(requiredAccess('POST', '/v1/traces', p)).toBe('public');
    expect(requiredAccess('GET', '/metrics', p)).toBe('viewer');
  });
});
