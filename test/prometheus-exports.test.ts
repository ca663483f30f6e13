import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { grafanaDashboard, prometheusRules, SAFETY_METRIC_NAMES } from '../src/app/export/index.js';
import { makeEvent } from './helpers/events.js';
import { startArgus } from './helpers/argus-instance.js';
import { minute, seedAggregates } from './helpers/dashboard-seed.js';
import { runCli } from './helpers/run-cli.js';

interface Panel { id: number; type: string; title: string; gridPos: { x: number; y: number; w: number; h: number }; targets?: Array<{ expr: string; refId: string }>; repeat?: string }

describe('argus export grafana-dashboard', () => {
  const dash = grafanaDashboard() as { panels: Panel[]; templating: { list: Array<{ name: string }> }; schemaVersion: number; uid: string; __inputs: unknown[] };

  it('has the overview and deployment views, with unique ids and valid grid positions', () => {
    expect(dash.schemaVersion).toBe(39);
    const ids = dash.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dash.panels) {
      expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
      if (p.type !== 'row') {
        expect(p.targets!.length).toBeGreaterThan(0);
        expect(new Set(p.targets!.map((t) => t.refId)).size).toBe(p.targets!.length);
      }
    }
    expect(dash.panels.filter((p) => p.type === 'row').map((p) => p.title)).toEqual(['Overview', 'Deployment $deployment']);
    expect(dash.templating.list.map((v) => v.name)).toEqual(['deployment', 'category']);
    expect(dash.panels.some((p) => p.repeat === 'category')).toBe(true);
  });

  it('queries only metric names that a running Argus exposes', async () => {
    const argus = await startArgus({ classifiers: { enabled: false } }, { baselines: async () => ({ version: 'v1', refusalRate: 0.9, byCategory: { S1: 0.9 }, toxicityP95: 0.05, anomalyFlagRate: 0.002 }) });
    try {
      // The gauges list deployments from the events table, so the deployment needs one stored event.
      await argus.store.insertEvents([makeEvent({ id: 'gauge-a', deployment: 'a' })]);
      await seedAggregates(argus.store, [{ deployment: 'a', minuteMs: Math.floor(Date.now() / 60_000) * 60_000, data: minute({ harmful: 10, refused: 9 }) }]);
      const text = await (await fetch(`${argus.url}/metrics`)).text();
      const exposed = new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!));
      const used = new Set<string>();
      for (const p of dash.panels) for (const t of p.targets ?? []) for (const m of t.expr.matchAll(/\b(argus_[a-z0-9_]+)/g)) used.add(m[1]!);
      for (const r of prometheusRules().groups[0]!.rules) for (const m of r.expr.matchAll(/\b(argus_[a-z0-9_]+)/g)) used.add(m[1]!);
      expect(used.size).toBeGreaterThan(8);
      // Anomalous share needs the detection engine's lookup; every other name is on /metrics now.
      const missing = [...used].filter((n) => !exposed.has(n) && n !== SAFETY_METRIC_NAMES.anomalous);
      expect(missing).toEqual([]);
      expect(text).toMatch(/argus_safety_refusal_ratio\{deployment="a"\} 0\.9/);
    } finally {
      await argus.close();
    }
  });
});

describe('argus export (CLI)', () => {
  it('writes rules that promtool accepts, and fails in one line on a bad duration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-export-'));
    const rules = await runCli(['export', 'prometheus-rules', '-o', join(dir, 'rules.yml'), '--for', '10m']);
    expect(rules.code).toBe(0);
    const doc = parse(readFileSync(join(dir, 'rules.yml'), 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; for: string }> }> };
    expect(doc.groups[0]!.rules.map((r) => r.alert)).toContain('ArgusRefusalRateCritical');
    expect(doc.groups[0]!.rules.every((r) => r.for === '10m')).toBe(true);
    if (spawnSync('promtool', ['--version']).status === 0) expect(spawnSync('promtool', ['check', 'rules', join(dir, 'rules.yml')]).status).toBe(0);
    const bad = await runCli(['export', 'prometheus-rules', '--for', 'soon']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--for must be a Prometheus duration/);
  }, 40_000);
});
