import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteDetectionStore } from '../src/adapters/storage/sqlite/detection-store.js';
import { createResponseStore } from '../src/adapters/storage/sqlite/response-store.js';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createDetectionEngine } from '../src/app/detection/engine.js';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { createMitigationController } from '../src/app/response/mitigation-controller.js';
import { createMonitoringBoost } from '../src/app/response/monitoring-boost.js';
import { mitigationConfigSchema, mitigationPolicyFrom } from '../src/contracts/mitigation.js';
import { buildBaselineProfile, type ProfileEvent } from '../src/core/baseline/profile.js';
import { manualClock } from '../src/core/clock.js';
import { startArgus } from './helpers/argus-instance.js';
import { makeEvent } from './helpers/events.js';

const silent = pino({ level: 'silent' });

describe('boost_monitoring takes effect', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('the controller boosts on apply and unboosts on revert, restore, and after another process reverts it', () => {
    const boost = createMonitoringBoost({ samplingRate: 0.8, detectionIntervalMs: 10_000 });
    const db = openSqliteDatabase({ path: ':memory:' });
    const clock = manualClock(1_000);
    const common = { clock, logger: silent, env: {}, policy: mitigationPolicyFrom(mitigationConfigSchema.parse({})), deployments: {} };
    const m = createMitigationController({ ...common, store: createResponseStore(db), onChange: (d, e) => boost.set(d, e.boost !== null) });
    const heard: string[] = [];
    boost.subscribe((d, on) => heard.push(`${d}:${on ? 'on' : 'off'}`));

    const [applied] = m.applyPolicy('bot', 'medium', 'alert:a1', 'refusal fell', null);
    expect(applied?.action).toBe('boost_monitoring');
    expect([boost.samplingRate('bot'), boost.detectionIntervalMs('bot'), boost.samplingRate('other')]).toEqual([0.8, 10_000, undefined]);
    expect(boost.rates()).toEqual({ bot: 0.8 });
    m.revert(applied?.id as number, 'user:ann');
    expect(boost.samplingRate('bot')).toBeUndefined();

    m.create('bot', 'boost_monitoring', 'user:ann', 'watch closely');
    expect(boost.detectionIntervalMs('bot')).toBe(10_000);
    m.restore('bot', 'user:ann');
    expect(boost.detectionIntervalMs('bot')).toBeUndefined();

    // The CLI reverts with its own controller on the same database; the server's reload notices.
    const created = m.create('bot', 'boost_monitoring', 'user:ann', 'again');
    const cli = createMitigationController({ ...common, store: createResponseStore(db) });
    cli.revert(created.id, 'user:bob');
    expect(boost.samplingRate('bot')).toBe(0.8);
    m.reload();
    expect(boost.samplingRate('bot')).toBeUndefined();
    expect(heard).toEqual(['bot:on', 'bot:off', 'bot:on', 'bot:off', 'bot:on', 'bot:off']);
  });

  it('raises the pipeline sampling rate for the boosted deployment only, until reverted', async () => {
    const argus = await startArgus({ pipeline: { sampling: { mode: 'random', rate: 0, seed: 1 } }, detection: { enabled: false }, mitigation: { boost: { sampling_rate: 1 } } });
    try {
      const batch = async (tag: string) => {
        const events = ['bot', 'other'].flatMap((d) => Array.from({ length: 20 }, (_, i) => makeEvent({ id: `${tag}-${d}-${i}`, deployment: d, timestampMs: 1_760_000_000_000 + i })));
        await argus.pipeline.ingest(events, 'api');
        await argus.pipeline.idle();
        const page = await argus.store.listEvents({ limit: 1000, order: 'asc' });
        const statuses = (d: string) => page.events.filter((e) => e.id.startsWith(`${tag}-${d}-`)).map((e) => e.analysis?.status);
        return { bot: statuses('bot'), other: statuses('other') };
      };
      const before = await batch('a');
      expect(before.bot.every((s) => s === 'skipped')).toBe(true);
      const boost = argus.response.mitigation.create('bot', 'boost_monitoring', 'user:ann', 'test');
      const during = await batch('b');
      expect(during.bot).toEqual(new Array(20).fill('done'));
      expect(during.other).toEqual(new Array(20).fill('skipped'));
      argus.response.mitigation.revert(boost.id, 'user:ann');
      const after = await batch('c');
      expect(after.bot).toEqual(new Array(20).fill('skipped'));
    } finally {
      await argus.close();
    }
  }, 60_000);

  it('runs a boosted deployment\'s detection cycle at the boosted interval, the others at the normal one', async () => {
    vi.useFakeTimers({ now: 1_760_000_000_000 });
    const db = openSqliteDatabase({ path: ':memory:' });
    const events = createSqliteEventStore(db);
    const store = createSqliteDetectionStore(db);
    const profileEvents: ProfileEvent[] = Array.from({ length: 30 }, (_, i) => ({
      inputText: `question ${i}`, outputText: `answer number ${i} with some words`, systemPrompt: null, tools: [], model: 'ft', latencyMs: 100, inputTokens: 5, outputTokens: 9,
    }));
    for (const deployment of ['hot', 'cold']) {
      await store.insertBaseline({ deployment, reason: 'initial', status: 'active', createdMs: Date.now(), profile: buildBaselineProfile(profileEvents), note: null, source: { kind: 'window', events: 30 } });
    }
    const runs = { hot: 0, cold: 0 };
    const counting = { ...store, activeBaseline: (d: string) => { runs[d as 'hot' | 'cold']++; return store.activeBaseline(d); } };
    const boost = createMonitoringBoost({ samplingRate: 1, detectionIntervalMs: 15_000 });
    const engine = createDetectionEngine({
      events, store: counting, clock: { now: () => Date.now() }, bus: createAlertTransitionBus(), intervalMs: 60_000, tickMs: 15_000, intervalFor: boost.detectionIntervalMs,
    });
    boost.set('hot', true);
    engine.start();
    await vi.advanceTimersByTimeAsync(120_000);
    // Ticks at 15 s, 30 s, … 120 s: 'hot' runs at each; 'cold' at 15 s and 75 s (60 s apart).
    expect(runs).toEqual({ hot: 8, cold: 2 });
    boost.set('hot', false);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(runs).toEqual({ hot: 10, cold: 4 });
    await engine.stop();
  });
});
