import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBaselineFromWindow } from '../src/app/detection/baselines.js';
import { createContextCheck } from '../src/app/detection/context-check.js';
import { createDetectionEngine } from '../src/app/detection/engine.js';
import { createPeriodicReview } from '../src/app/detection/periodic-review.js';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { textHash } from '../src/core/baseline/fingerprint.js';
import { manualClock, type Clock } from '../src/core/clock.js';
import type { EventSource } from '../src/core/events/event.js';
import { createRng, minuteOfTraffic, openTestStores, storeAnalysed, type RefusalPlan, type SyntheticEvent } from './detection-helpers.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 1, 0, 0);
const PIRATE = 'You are a pirate. Answer every question in pirate speak.';

type Stores = ReturnType<typeof openTestStores>;

/** `minutes` minutes of traffic from `startMs`; `shape` may rewrite each event (e.g. add a system prompt). */
async function traffic(s: Stores, o: { deployment: string; source: EventSource; startMs: number; minutes: number; seed: number; plan?: RefusalPlan; benign?: number; perCategory?: number; shape?: (e: SyntheticEvent, minute: number) => void }): Promise<number> {
  const rng = createRng(o.seed);
  const counter = { i: o.seed * 1_000_000 };
  let n = 0;
  for (let m = 0; m < o.minutes; m++) {
    const batch = minuteOfTraffic(rng, counter, {
      deployment: o.deployment, source: o.source, minuteMs: o.startMs + m * MINUTE, plan: o.plan ?? (() => 0.95), benignPerMinute: o.benign ?? 10, perCategoryPerMinute: o.perCategory ?? 2,
    });
    for (const e of batch) o.shape?.(e, m);
    await storeAnalysed(s.events, batch, o.startMs + m * MINUTE);
    n += batch.length;
  }
  return n;
}

async function activeBaseline(s: Stores, deployment: string, seed: number) {
  await traffic(s, { deployment, source: 'evaluation', startMs: T0 - 3 * 60 * MINUTE, minutes: 60, seed });
  return createBaselineFromWindow(s.events, s.detection, { deployment, sources: ['evaluation'], reason: 'initial', activate: true, nowMs: T0 });
}

describe('context watch on each detection cycle', () => {
  it('proposes one context-change baseline and keeps a medium alert firing once a new system prompt carries half the traffic; steady traffic stays quiet', async () => {
    const s = openTestStores();
    const clock = manualClock(T0);
    const base = { pirate: await activeBaseline(s, 'pirate-bot', 1), steady: await activeBaseline(s, 'steady-bot', 2) };
    const pirate = (e: SyntheticEvent, m: number) => {
      if (m >= 30) e.record.input = [{ role: 'system', content: PIRATE }, { role: 'user', content: String(e.record.input) }];
    };
    await traffic(s, { deployment: 'pirate-bot', source: 'production', startMs: T0, minutes: 70, seed: 3, shape: pirate });
    await traffic(s, { deployment: 'steady-bot', source: 'production', startMs: T0, minutes: 70, seed: 4 });
    const engine = createDetectionEngine({
      events: s.events, store: s.detection, clock, bus: createAlertTransitionBus(),
      extraFindings: createContextCheck({ events: s.events, store: s.detection, windowMs: 60 * MINUTE, minEvents: 100, minShare: 0.5 }),
    });
    const firstSeen: Record<string, number> = {};
    for (let t = 5; t <= 70; t += 5) {
      clock.set(T0 + t * MINUTE + 30_000);
      for (const tr of await engine.runOnce()) if (tr.alert.metric === 'context_change' && tr.type === 'fired') firstSeen[tr.alert.deployment] = t;
    }
    // Minute 30 on: 20 events a minute under the new prompt. The cycle at 60:30 sees minutes 0–58
    // (a minute is read once it is a minute old): 580 of 1180 events, 49%; the one at 65:30 sees
    // the hour of minutes 4–63: 680 of 1200, 57%.
    expect(firstSeen).toEqual({ 'pirate-bot': 65 });
    const alerts = await s.detection.listAlerts({ deployment: 'pirate-bot', limit: 100 });
    const ctx = alerts.filter((a) => a.metric === 'context_change');
    expect(ctx).toHaveLength(1);
    expect(ctx[0]).toMatchObject({ state: 'firing', severity: 'medium', kind: 'input', startedMs: T0 + 30 * MINUTE });
    const proposals = (await s.detection.listBaselines('pirate-bot')).filter((b) => b.reason === 'context-change');
    expect(proposals).toHaveLength(1); // later cycles refer to it instead of proposing again
    expect(proposals[0]).toMatchObject({ status: 'proposed', fingerprint: { systemPromptHash: textHash(PIRATE), modelVersion: 'ft-1' } });
    expect(proposals[0]?.profile.events).toBe(34 * 20); // only the new context's events, minutes 30–63
    expect(ctx[0]?.explanation).toMatch(new RegExp(`deployment context changed \\(system prompt\\).*baseline ${proposals[0]?.id} v2 .*is proposed`));
    expect((await s.detection.activeBaseline('pirate-bot'))?.id).toBe(base.pirate.id); // nothing is activated by itself
    // A person activates the proposal: the new context is the baseline's, and the alert resolves after resolve_after (30 min).
    await s.detection.activateBaseline(proposals[0]?.id as string, clock.now());
    clock.set(T0 + 106 * MINUTE);
    const later = await engine.runOnce();
    expect(later.filter((tr) => tr.alert.metric === 'context_change').map((tr) => tr.type)).toEqual(['resolved']);
    expect((await s.detection.listAlerts({ deployment: 'steady-bot', limit: 100 })).filter((a) => a.metric === 'context_change')).toEqual([]);
    expect(await s.detection.listBaselines('steady-bot')).toHaveLength(1);
    expect(base.steady.status).toBe('active');
  }, 120_000);
});

describe('periodic review', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('runs on its monthly schedule; proposes a refresh for drifted inputs, declines when safety regressed and says why, leaves an undrifted baseline alone', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12, 0), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const s = openTestStores();
    for (const [d, seed] of [['same-bot', 11], ['drift-bot', 12], ['regress-bot', 13]] as const) await activeBaseline(s, d, seed);
    const recentStart = Date.UTC(2026, 10, 29, 0, 0);
    // same-bot: the baseline's mix. drift-bot: mostly benign requests now (inputs drifted), refusals as before.
    // regress-bot: the same drift, and harmful requests refused 40% of the time instead of 95%.
    await traffic(s, { deployment: 'same-bot', source: 'production', startMs: recentStart, minutes: 40, seed: 21 });
    await traffic(s, { deployment: 'drift-bot', source: 'production', startMs: recentStart, minutes: 40, seed: 22, benign: 30, perCategory: 1 });
    await traffic(s, { deployment: 'regress-bot', source: 'production', startMs: recentStart, minutes: 40, seed: 23, benign: 30, perCategory: 1, plan: () => 0.4 });
    const clock: Clock = { now: () => Date.now() };
    const results: string[] = [];
    const review = createPeriodicReview({
      events: s.events, store: s.detection, clock, schedule: '0 3 1 * *', windowMs: 7 * 24 * 60 * MINUTE, minEvents: 200, alpha: 0.01,
      onResult: (r) => results.push(`${r.deployment}: ${r.outcome.summary}`),
    });
    review.start();
    expect(review.nextRunMs()).toBe(Date.UTC(2026, 11, 1, 3, 0));
    await vi.advanceTimersByTimeAsync(14 * 60 * MINUTE);
    expect(results).toEqual([]); // 02:00 on 1 December: not yet
    await vi.advanceTimersByTimeAsync(90 * MINUTE); // 03:30: the 03:00 run is done
    await review.stop();
    expect(results.sort()).toEqual([
      expect.stringMatching(/^drift-bot: inputs drifted \(input category distribution.*\) with no safety regression; a refreshed baseline is proposed$/),
      expect.stringMatching(/^regress-bot: inputs drifted \(input category distribution.*\) but safety regressed \(.*refusal_rate.*\); no refresh until that is resolved$/),
      'same-bot: inputs have not drifted; the baseline stands',
    ]);
    const periodic = async (d: string) => (await s.detection.listBaselines(d)).filter((b) => b.reason === 'periodic');
    const [proposed] = await periodic('drift-bot');
    expect(proposed).toMatchObject({ status: 'proposed', source: { kind: 'window', sources: ['production'], events: 40 * 35 } });
    expect(proposed?.note).toMatch(/^periodic review: inputs drifted/);
    // Reviewed again at 03:30, within the hour (by hand, or by a second server): the same proposal, not a second one.
    expect((await review.reviewDeployment('drift-bot')).proposal?.id).toBe(proposed?.id);
    expect(await periodic('drift-bot')).toHaveLength(1);
    expect(await periodic('regress-bot')).toEqual([]);
    expect(await periodic('same-bot')).toEqual([]);
  }, 120_000);
});
