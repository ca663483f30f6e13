import { describe, expect, it } from 'vitest';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { detectionSource, fromDetectionTransition } from '../src/app/response/alert-adapter.js';
import { alertTransitionSchema, type AlertTransition } from '../src/contracts/notify.js';
import type { Alert, AlertTransition as DetectionTransition } from '../src/core/detect/alerts.js';

const T = Date.parse('2026-11-20T14:05:00Z');
const alert: Alert = {
  id: 'alr_1', deployment: 'bank-bot', metric: 'refusal_rate', category: 'S9', kind: 'safety', state: 'firing', severity: 'high',
  explanation: 'refusal rate for S9 fell from 97% (baseline, n=412) to 81% (last hour, n=236); CUSUM crossed its limit at 14:05',
  detectors: ['bernoulli-cusum', 'threshold'], baselineId: 'bl_1', firstFiredMs: T, lastFindingMs: T, startedMs: T - 1_800_000,
  resolvedMs: null, acknowledgedMs: null, acknowledgedBy: null, findings: 2,
  evidence: {
    deployment: 'bank-bot', metric: 'refusal_rate', category: 'S9', detector: 'bernoulli-cusum', level: 'critical', severity: 'high', atMs: T,
    window: { startMs: T - 3_600_000, endMs: T, label: '1h' }, observed: { value: 0.81, n: 236 }, baseline: { value: 0.97, n: 412 },
    statistic: 5.2, limit: 4.1, explanation: 'x',
  },
};
const dt = (over: Partial<DetectionTransition>): DetectionTransition => ({ seq: 41, type: 'fired', alertId: 'alr_1', atMs: T, fromSeverity: null, toSeverity: 'high', alert, ...over });

describe("the detection engine's transitions, adapted", () => {
  it('maps fired, escalated and resolved; drops acknowledgements', () => {
    const fired = fromDetectionTransition(dt({})) as AlertTransition;
    expect(alertTransitionSchema.parse(fired)).toEqual(fired);
    expect(fired).toEqual({
      transitionId: 'alr_1#41', alertId: 'alr_1', state: 'firing', severity: 'high', deployment: 'bank-bot', metric: 'refusal_rate:S9',
      explanation: alert.explanation, atMs: T, startedMs: T - 1_800_000,
      values: { n: 236, baseline_n: 412, statistic: 5.2, limit: 4.1, current: 0.81, baseline: 0.97 },
    });
    expect(fromDetectionTransition(dt({ seq: 42, type: 'escalated', fromSeverity: 'high', toSeverity: 'critical' }))).toMatchObject({ transitionId: 'alr_1#42', state: 'firing', severity: 'critical' });
    expect(fromDetectionTransition(dt({ seq: 43, type: 'resolved' }))).toMatchObject({ transitionId: 'alr_1#43', state: 'resolved' });
    expect(fromDetectionTransition(dt({ seq: 44, type: 'acknowledged' }))).toBeNull();
  });

  it('delivers through the engine bus to a subscriber', async () => {
    const bus = createAlertTransitionBus();
    const got: AlertTransition[] = [];
    detectionSource(bus).subscribe((t) => { got.push(t); });
    await bus.publish([dt({}), dt({ seq: 44, type: 'acknowledged' }), dt({ seq: 45, type: 'resolved' })]);
    expect(got.map((t) => `${t.transitionId}:${t.state}`)).toEqual(['alr_1#41:firing', 'alr_1#45:resolved']);
  });
});
