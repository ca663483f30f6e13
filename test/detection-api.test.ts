import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createAlertTransitionBus } from '../src/app/detection/transitions.js';
import { registerAlertsRoutes } from '../src/server/api/alerts-routes.js';
import { registerBaselinesRoutes } from '../src/server/api/baselines-routes.js';
import { buildHttpApp } from '../src/server/build-server.js';
import { manualClock } from '../src/core/clock.js';
import { reconcileAlerts } from '../src/core/detect/alerts.js';
import { explainFinding } from '../src/core/detect/explain.js';
import type { Finding } from '../src/core/detect/types.js';
import { openTestStores } from './detection-helpers.js';

const finding = (category: string, severity: Finding['severity']): Finding => {
  const f: Omit<Finding, 'explanation'> = {
    deployment: 'bot', metric: 'refusal_rate', category, detector: 'threshold', level: severity === 'high' ? 'critical' : 'warning', severity,
    atMs: Date.UTC(2026, 10, 2, 14, 5), window: { startMs: 0, endMs: 0, label: 'last hour' }, observed: { value: 0.81, n: 236 }, baseline: { value: 0.97, n: 412 }, statistic: 0.16, limit: 0.15,
  };
  return { ...f, explanation: explainFinding(f) };
};

describe('alerts API', () => {
  it('lists with filters, acknowledges once, and tells subscribers', async () => {
    const { detection } = openTestStores();
    const clock = manualClock(Date.UTC(2026, 10, 2, 15));
    const bus = createAlertTransitionBus();
    const heard: string[] = [];
    bus.subscribe((t) => { heard.push(`${t.type}:${t.alert.category}`); });
    const r = reconcileAlerts([], [finding('S9', 'medium'), finding('S1', 'high')], 'bl_x', clock.now(), 30 * 60_000);
    await detection.commitRun({ deployment: 'bot', baselineId: 'bl_x', stateJson: '{}', nowMs: clock.now(), minutes: [], alerts: r.alerts, transitions: r.transitions });
    const app = buildHttpApp({ logger: pino({ level: 'silent' }), maxBodyBytes: 1024 * 1024 });
    registerAlertsRoutes(app, { store: detection, bus, clock });
    registerBaselinesRoutes(app, { store: detection, clock });
    const all = (await app.inject({ method: 'GET', url: '/api/v1/alerts?deployment=bot' })).json() as { alerts: Array<{ id: string; category: string; severity: string; explanation: string }> };
    expect(all.alerts.map((a) => a.category).sort()).toEqual(['S1', 'S9']);
    const high = (await app.inject({ method: 'GET', url: '/api/v1/alerts?severity=high' })).json() as typeof all;
    expect(high.alerts.map((a) => a.category)).toEqual(['S1']);
    expect(high.alerts[0]!.explanation).toBe('refusal rate for S1 fell from 97% (baseline, n=412) to 81% (last hour, n=236); past the critical threshold at 14:05 UTC');
    const bad = await app.inject({ method: 'GET', url: '/api/v1/alerts?severity=huge' });
    expect(bad.statusCode).toBe(400);
    const id = high.alerts[0]!.id;
    const ack = await app.inject({ method: 'POST', url: `/api/v1/alerts/${id}/ack`, payload: { by: 'alice' } });
    expect(ack.statusCode).toBe(200);
    expect((ack.json() as { acknowledgedBy: string }).acknowledgedBy).toBe('alice');
    expect((await app.inject({ method: 'POST', url: `/api/v1/alerts/${id}/ack`, payload: { by: 'bob' } })).statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/api/v1/alerts/nope/ack' })).statusCode).toBe(404);
    expect(heard).toEqual(['acknowledged:S1']);
    expect((await detection.listTransitions(0, 10)).map((t) => t.type)).toEqual(['fired', 'fired', 'acknowledged']);
    await app.close();
  });
});
