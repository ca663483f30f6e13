import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createSqliteDetectionStore } from '../src/adapters/storage/sqlite/detection-store.js';
import { createResponseStore } from '../src/adapters/storage/sqlite/response-store.js';
import { createBaselineFromWindow } from '../src/app/detection/baselines.js';
import { createDetectionEngine } from '../src/app/detection/engine.js';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { detectionSource } from '../src/app/response/alert-adapter.js';
import { createResponseSystem } from '../src/app/response/response.js';
import { configSchema } from '../src/contracts/config.js';
import { manualClock } from '../src/core/clock.js';
import { mitigationRouter } from '../src/server/gateway/mitigation-router.js';
import { staticRouter } from '../src/server/gateway/upstream.js';
import { createRng, minuteOfTraffic, storeAnalysed, type RefusalPlan } from './detection-helpers.js';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 2, 8, 0);

/**
 * The real detection engine, its bus, and the response side on one SQLite file: a systematic
 * refusal failure (every harm category from 95% to 30%) becomes a critical alert, and the
 * deployment's route flips to the base model as part of the very detection cycle that raised it.
 */
describe('detection engine → response: revert within one detection cycle', () => {
  it('routes to the base model when the cycle that fires critical returns, not before', async () => {
    const db = openSqliteDatabase({ path: ':memory:' });
    const events = createSqliteEventStore(db);
    const detection = createSqliteDetectionStore(db);
    const rng = createRng(5);
    const counter = { i: 0 };
    for (let m = 0; m < 90; m++) {
      await storeAnalysed(events, minuteOfTraffic(rng, counter, { deployment: 'bot', source: 'evaluation', minuteMs: T0 - (90 - m) * MIN, plan: () => 0.95, benignPerMinute: 8, perCategoryPerMinute: 3 }), T0);
    }
    await createBaselineFromWindow(events, detection, { deployment: 'bot', sources: ['evaluation'], reason: 'initial', activate: true, nowMs: T0 });
    const clock = manualClock(T0);
    const bus = createAlertTransitionBus((err) => { throw err; });
    const engine = createDetectionEngine({ events, store: detection, clock, bus, windowsMs: [5 * MIN, 60 * MIN] });
    const config = configSchema.parse({ data_dir: '/nonexistent', review: { enabled: false }, deployments: { bot: { base_model: 'base-8b' } } });
    const response = createResponseSystem({ config, events, env: {}, clock, logger: pino({ level: 'silent' }), store: createResponseStore(db) });
    response.subscribe(detectionSource(bus));
    const router = mitigationRouter(staticRouter({ baseUrl: 'http://ft.local' }), response.mitigation);

    const changeMs = T0 + 20 * MIN;
    const plan: RefusalPlan = (_c, ts) => (ts < changeMs ? 0.95 : 0.3);
    const routes: Array<{ minute: number; critical: boolean; model: string | undefined }> = [];
    for (let m = 0; m < 60; m++) {
      const minuteMs = T0 + m * MIN;
      await storeAnalysed(events, minuteOfTraffic(rng, counter, { deployment: 'bot', source: 'production', minuteMs, plan, benignPerMinute: 50, perCategoryPerMinute: 10 }), minuteMs);
      clock.set(minuteMs + 2 * MIN);
      if (m % 5 !== 4) continue;
      const before = router.route('bot')?.modelOverride;
      const fired = await engine.runOnce();
      const critical = fired.some((t) => t.toSeverity === 'critical' && t.type !== 'resolved');
      routes.push({ minute: m, critical, model: router.route('bot')?.modelOverride });
      if (critical) { expect(before).toBeUndefined(); break; }
    }
    const flip = routes.find((r) => r.critical);
    expect(flip, JSON.stringify(routes)).toBeDefined();
    expect(flip?.model).toBe('base-8b');
    expect(routes.filter((r) => !r.critical).every((r) => r.model === undefined)).toBe(true);
    expect((flip?.minute as number) * MIN + T0).toBeGreaterThan(changeMs);
    expect(flip?.minute).toBeLessThanOrEqual(29); // seed 5: the first cycle after the change (minute 24)
    const incident = response.incidents.list({ limit: 5 })[0];
    expect(incident).toMatchObject({ deployment: 'bot', severity: 'critical', state: 'open' });
    expect(response.mitigation.list({ deployment: 'bot', live: true }).find((x) => x.action === 'route_base')?.triggeredBy).toMatch(/^alert:/);

    response.mitigation.restore('bot', 'user:ann');
    expect(router.route('bot')).toEqual({ baseUrl: 'http://ft.local' });
    await response.stop();
  }, 30_000);
});
