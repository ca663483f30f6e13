import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createResponseStore } from '../src/adapters/storage/sqlite/response-store.js';
import { openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createMitigationController } from '../src/app/response/mitigation-controller.js';
import { mitigationConfigSchema, mitigationPolicyFrom } from '../src/contracts/mitigation.js';
import { manualClock } from '../src/core/clock.js';
import { ArgusError } from '../src/core/errors.js';
import { mitigationRouter } from '../src/server/gateway/mitigation-router.js';
import { staticRouter } from '../src/server/gateway/upstream.js';

const setup = (approval: 'auto' | 'manual') => {
  const store = createResponseStore(openSqliteDatabase({ path: ':memory:' }));
  const clock = manualClock(1_000);
  const changes: string[] = [];
  const m = createMitigationController({
    store, clock, logger: pino({ level: 'silent' }), env: { BASE_KEY: 'sk-base' },
    policy: mitigationPolicyFrom(mitigationConfigSchema.parse({ route_base_approval: approval })),
    deployments: { bot: { base_model: 'base-8b', base_api_key_env: 'BASE_KEY' } },
    onChange: (d, e) => changes.push(`${d}:${e.routeBase ? 'base' : 'ft'}`),
  });
  const router = mitigationRouter(staticRouter({ baseUrl: 'http://ft:8000', apiKey: 'sk-ft' }), m);
  return { store, clock, m, router, changes };
};

describe('mitigation controller', () => {
  it('with manual approval, route_base waits; approve puts it in force; revert undoes it; each step recorded', () => {
    const { m, router, clock, changes } = setup('manual');
    const created = m.applyPolicy('bot', 'critical', 'alert:a1', 'refusal fell', 7);
    expect(created.map((x) => `${x.action}:${x.status}`)).toEqual(['boost_monitoring:active', 'route_base:pending_approval']);
    expect(router.route('bot')).toEqual({ baseUrl: 'http://ft:8000', apiKey: 'sk-ft' });
    const pending = created[1]?.id as number;
    clock.advance(5_000);
    const approved = m.approve(pending, 'user:ann');
    expect(approved).toMatchObject({ status: 'active', endedBy: 'user:ann', endedMs: 6_000, triggeredBy: 'alert:a1', incidentId: 7 });
    // Same upstream (no base_upstream_url), base model name, and the base key from its env var.
    expect(router.route('bot')).toEqual({ baseUrl: 'http://ft:8000', apiKey: 'sk-base', modelOverride: 'base-8b' });
    expect(() => m.approve(pending, 'user:bob')).toThrow(new ArgusError('ARGUS_ERR_CONFLICT', `mitigation ${pending} is active; only pending_approval can become active`));
    m.revert(pending, 'user:ann');
    expect(router.route('bot')?.modelOverride).toBeUndefined();
    expect(changes).toEqual(['bot:ft', 'bot:base', 'bot:ft']);
  });

  it('picks up changes another process wrote, by the version counter', () => {
    const { store, m, router } = setup('auto');
    m.applyPolicy('bot', 'critical', 'alert:a1', 'x', null);
    expect(router.route('bot')?.modelOverride).toBe('base-8b');
    const other = createMitigationController({ store, clock: manualClock(2_000), logger: pino({ level: 'silent' }), env: {}, policy: mitigationPolicyFrom(mitigationConfigSchema.parse({})), deployments: {} });
    expect(other.restore('bot', 'user:cli').map((x) => x.status)).toEqual(['reverted', 'reverted']);
    expect(router.route('bot')?.modelOverride).toBe('base-8b'); // not yet reloaded
    m.reload();
    expect(router.route('bot')?.modelOverride).toBeUndefined();
    expect(m.list({ deployment: 'bot' }).map((x) => `${x.action}:${x.status}:${x.endedBy}`)).toEqual(['route_base:reverted:user:cli', 'boost_monitoring:reverted:user:cli']);
  });
});
