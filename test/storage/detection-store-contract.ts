import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DetectionStore, NewBaseline } from '../../src/adapters/storage/sqlite/detection-store.js';
import { buildBaselineProfile, type ProfileEvent } from '../../src/core/baseline/profile.js';
import { reconcileAlerts } from '../../src/core/detect/alerts.js';
import { emptyMinuteRecord } from '../../src/core/detect/minute-record.js';
import type { Finding } from '../../src/core/detect/types.js';
import { ArgusError } from '../../src/core/errors.js';

const events = (prompt: string | null): ProfileEvent[] => Array.from({ length: 12 }, (_, i) => ({
  inputText: `question ${i}`, outputText: `answer ${i} with words`, systemPrompt: prompt, tools: ['search'], model: 'ft-1', latencyMs: 100 + i, inputTokens: 5, outputTokens: 8,
}));
const profile = buildBaselineProfile(events('You help.'));
const newBaseline = (o: Partial<NewBaseline> = {}): NewBaseline => ({
  deployment: 'bot', reason: 'initial', status: 'active', createdMs: 1_000, source: { kind: 'window', sources: ['evaluation'], events: 12 }, profile, note: null, ...o,
});

const finding = (atMs: number, severity: Finding['severity']): Finding => ({
  deployment: 'bot', metric: 'refusal_rate', category: 'S1', detector: 'threshold', level: 'warning', severity, atMs,
  window: { startMs: atMs - 300_000, endMs: atMs, label: '5m' }, observed: { value: 0.7, n: 50 }, baseline: { value: 0.95, n: 400 },
  statistic: 0.7, limit: 0.8, explanation: 'refusal rate for S1 fell',
});

/**
 * What every DetectionStore adapter must do. An adapter's test file calls this with a factory
 * returning a fresh, empty store and a function that releases it.
 */
export function runDetectionStoreContract(name: string, open: () => Promise<{ store: DetectionStore; close(): Promise<void> }>): void {
  describe(`DetectionStore contract: ${name}`, () => {
    let store: DetectionStore;
    let close: () => Promise<void>;
    beforeEach(async () => { ({ store, close } = await open()); });
    afterEach(async () => { await close(); });

    it('versions baselines per deployment; an active insert or activation retires the previous active one', async () => {
      const v1 = await store.insertBaseline(newBaseline());
      const v2 = await store.insertBaseline(newBaseline({ status: 'proposed', reason: 'context-change', createdMs: 2_000, note: 'new prompt', profile: buildBaselineProfile(events('Other.')) }));
      const other = await store.insertBaseline(newBaseline({ deployment: 'other', createdMs: 3_000 }));
      expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
      expect(v1).toMatchObject({ status: 'active', activatedMs: 1_000, reason: 'initial', fingerprint: profile.fingerprint, source: { kind: 'window', events: 12 } });
      expect(v2).toMatchObject({ status: 'proposed', activatedMs: null, note: 'new prompt' });
      expect(v2.fingerprint.systemPromptHash).not.toBe(v1.fingerprint.systemPromptHash);
      expect((await store.getBaseline(v1.id))?.profile).toEqual(v1.profile);
      expect(await store.deploymentsWithActiveBaseline()).toEqual(['bot', 'other']);
      const activated = await store.activateBaseline(v2.id, 5_000);
      expect(activated).toMatchObject({ id: v2.id, status: 'active', activatedMs: 5_000 });
      expect((await store.activeBaseline('bot'))?.id).toBe(v2.id);
      expect((await store.listBaselines('bot')).map((b) => [b.version, b.status])).toEqual([[1, 'retired'], [2, 'active']]);
      expect((await store.listBaselines()).map((b) => `${b.deployment}:${b.version}`)).toEqual(['bot:1', 'bot:2', 'other:1']);
      expect(await store.getBaseline('bl_missing')).toBeUndefined();
      await expect(store.activateBaseline('bl_missing', 1)).rejects.toThrow(new ArgusError('ARGUS_ERR_NOT_FOUND', "no baseline with id 'bl_missing'"));
    });

    it('commits a run atomically: state, minutes (replaced on re-commit), alerts and transitions with increasing seq', async () => {
      const b = await store.insertBaseline(newBaseline());
      const m = (minuteMs: number, n: number) => ({ ...emptyMinuteRecord(minuteMs, profile), n });
      const fired = reconcileAlerts([], [finding(60_000, 'medium')], b.id, 60_000, 1_800_000);
      const t1 = await store.commitRun({ deployment: 'bot', baselineId: b.id, stateJson: '{"v":1}', nowMs: 60_000, minutes: [m(0, 3), m(60_000, 4)], alerts: fired.alerts, transitions: fired.transitions });
      expect(t1.map((t) => t.type)).toEqual(['fired']);
      const escalated = reconcileAlerts(await store.openAlerts('bot'), [finding(120_000, 'high')], b.id, 120_000, 1_800_000);
      const t2 = await store.commitRun({ deployment: 'bot', baselineId: b.id, stateJson: '{"v":2}', nowMs: 120_000, minutes: [m(60_000, 9), m(120_000, 1)], alerts: escalated.alerts, transitions: escalated.transitions });
      expect(t2.map((t) => t.type)).toEqual(['escalated']);
      expect(t2[0]?.seq).toBeGreaterThan(t1[0]?.seq as number);
      expect(await store.loadDetectorState('bot')).toEqual({ baselineId: b.id, stateJson: '{"v":2}' });
      expect((await store.readMinutes('bot', b.id, 0, 120_000)).map((r) => [r.minuteMs, r.n])).toEqual([[0, 3], [60_000, 9]]);
      expect(await store.readMinutes('bot', 'bl_other', 0, 1e12)).toEqual([]);
      const [alert] = await store.openAlerts('bot');
      expect(alert).toMatchObject({ state: 'firing', severity: 'high', metric: 'refusal_rate', category: 'S1', findings: 2 });
      expect(await store.getAlert(alert?.id as string)).toEqual(alert);
      expect(await store.listAlerts({ deployment: 'bot', severity: 'high', limit: 10 })).toHaveLength(1);
      expect(await store.listAlerts({ state: 'resolved', limit: 10 })).toEqual([]);
      const all = await store.listTransitions(0, 10);
      expect(all.map((t) => [t.seq, t.type])).toEqual([[t1[0]?.seq, 'fired'], [t2[0]?.seq, 'escalated']]);
      expect((await store.listTransitions(t1[0]?.seq as number, 10)).map((t) => t.type)).toEqual(['escalated']);
    });

    it('acknowledges once; a second acknowledgement or an unknown alert fails clearly', async () => {
      const b = await store.insertBaseline(newBaseline());
      const fired = reconcileAlerts([], [finding(60_000, 'medium')], b.id, 60_000, 1_800_000);
      await store.commitRun({ deployment: 'bot', baselineId: b.id, stateJson: '{}', nowMs: 60_000, minutes: [], alerts: fired.alerts, transitions: fired.transitions });
      const id = fired.alerts[0]?.id as string;
      const ack = await store.acknowledgeAlert(id, 'ann', 90_000);
      expect(ack).toMatchObject({ type: 'acknowledged', alertId: id, alert: { acknowledgedBy: 'ann', acknowledgedMs: 90_000 } });
      expect((await store.getAlert(id))?.acknowledgedBy).toBe('ann');
      await expect(store.acknowledgeAlert(id, 'bob', 91_000)).rejects.toThrow(/was already acknowledged by ann at 1970-01-01T00:01:30.000Z/);
      await expect(store.acknowledgeAlert('al_missing', 'bob', 1)).rejects.toThrow("no alert with id 'al_missing'");
    });
  });
}
