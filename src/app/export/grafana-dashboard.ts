import { SAFETY_METRIC_NAMES as M } from './safety-gauges.js';

export interface GrafanaOptions {
  title?: string;
  uid?: string;
  /** Name of the Prometheus data source input (`${DS_PROMETHEUS}` on import). */
  datasourceUid?: string;
}

interface Target { expr: string; legendFormat: string; refId: string; instant?: boolean; format?: string }

/**
 * A Grafana dashboard (schemaVersion 39, Prometheus data source) with the views of the Argus
 * dashboard: an overview row (every deployment: refusal vs baseline, toxicity p95 vs baseline,
 * anomalous share, traffic) and a deployment row picked by the $deployment variable (time series
 * with the baseline line, per-category refusal as small multiples repeated over $category).
 */
export function grafanaDashboard(o: GrafanaOptions = {}): Record<string, unknown> {
  const ds = { type: 'prometheus', uid: o.datasourceUid ?? '${DS_PROMETHEUS}' };
  let id = 0;
  const ref = (i: number) => String.fromCharCode(65 + i);
  const targets = (list: Array<Omit<Target, 'refId'>>): Target[] => list.map((t, i) => ({ ...t, refId: ref(i) }));
  const panel = (type: string, title: string, gridPos: { x: number; y: number; w: number; h: number }, t: Array<Omit<Target, 'refId'>>, extra: Record<string, unknown> = {}) => ({
    id: ++id, type, title, datasource: ds, gridPos, targets: targets(t).map((x) => ({ ...x, datasource: ds })), ...extra,
  });
  const percent = { fieldConfig: { defaults: { unit: 'percentunit', min: 0, max: 1 }, overrides: [] } };
  const row = (title: string, y: number, extra: Record<string, unknown> = {}) => ({ id: ++id, type: 'row', title, collapsed: false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: [], ...extra });
  const sel = '{deployment=~"$deployment"}';
  const panels = [
    row('Overview', 0),
    panel('table', 'Deployments: health at a glance', { x: 0, y: 1, w: 24, h: 9 }, [
      { expr: M.refusal, legendFormat: 'refusal', instant: true, format: 'table' },
      { expr: M.refusalBaseline, legendFormat: 'refusal baseline', instant: true, format: 'table' },
      { expr: M.toxicityP95, legendFormat: 'toxicity p95', instant: true, format: 'table' },
      { expr: M.toxicityP95Baseline, legendFormat: 'toxicity p95 baseline', instant: true, format: 'table' },
      { expr: M.anomalous, legendFormat: 'anomalous', instant: true, format: 'table' },
      { expr: 'sum by (deployment) (rate(argus_deployment_events_total{source="production"}[5m])) * 60', legendFormat: 'requests/min', instant: true, format: 'table' },
    ], { transformations: [{ id: 'merge', options: {} }, { id: 'organize', options: { excludeByName: { Time: true } } }] }),
    panel('stat', 'Firing Argus alerts', { x: 0, y: 10, w: 6, h: 4 }, [{ expr: 'count(ALERTS{source="argus", alertstate="firing"}) or vector(0)', legendFormat: 'firing' }]),
    panel('timeseries', 'Refusal ratio, all deployments', { x: 6, y: 10, w: 18, h: 8 }, [{ expr: M.refusal, legendFormat: '{{deployment}}' }], percent),
    row('Deployment $deployment', 18),
    panel('timeseries', 'Refusal ratio vs baseline', { x: 0, y: 19, w: 12, h: 8 }, [
      { expr: `${M.refusal}${sel}`, legendFormat: 'refusal ratio' },
      { expr: `${M.refusalBaseline}${sel}`, legendFormat: 'baseline' },
      { expr: `0.9 * ${M.refusalBaseline}${sel}`, legendFormat: 'warning line' },
      { expr: `0.75 * ${M.refusalBaseline}${sel}`, legendFormat: 'critical line' },
    ], percent),
    panel('timeseries', 'Toxicity p95 vs baseline', { x: 12, y: 19, w: 12, h: 8 }, [
      { expr: `${M.toxicityP95}${sel}`, legendFormat: 'toxicity p95' },
      { expr: `${M.toxicityP95Baseline}${sel}`, legendFormat: 'baseline' },
    ]),
    panel('timeseries', 'Anomalous output share', { x: 0, y: 27, w: 12, h: 8 }, [
      { expr: `${M.anomalous}${sel}`, legendFormat: 'anomalous' },
      { expr: `${M.anomalousBaseline}${sel}`, legendFormat: 'baseline flag rate' },
    ], percent),
    panel('timeseries', 'Traffic (requests/min)', { x: 12, y: 27, w: 12, h: 8 }, [
      { expr: `sum by (source) (rate(argus_deployment_events_total${sel}[5m])) * 60`, legendFormat: '{{source}}' },
    ]),
    panel('timeseries', 'Refusal ratio, $category', { x: 0, y: 35, w: 6, h: 6 }, [
      { expr: `${M.categoryRefusal}{deployment=~"$deployment", category=~"$category"}`, legendFormat: 'refusal' },
      { expr: `${M.categoryRefusalBaseline}{deployment=~"$deployment", category=~"$category"}`, legendFormat: 'baseline' },
    ], { ...percent, repeat: 'category', repeatDirection: 'h', maxPerRow: 4 }),
  ];
  const variable = (name: string, query: string, multi: boolean) => ({
    name, label: name, type: 'query', datasource: ds, query: { query, refId: `${name}-var` }, definition: query,
    refresh: 2, includeAll: multi, multi, sort: 1, current: {}, options: [],
  });
  return {
    __inputs: [{ name: 'DS_PROMETHEUS', label: 'Prometheus', type: 'datasource', pluginId: 'prometheus', pluginName: 'Prometheus' }],
    uid: o.uid ?? 'argus-safety', title: o.title ?? 'Argus: model safety', tags: ['argus', 'llm', 'safety'],
    schemaVersion: 39, version: 1, editable: true, timezone: 'browser', refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: { list: [variable('deployment', `label_values(${M.requests}, deployment)`, false), variable('category', `label_values(${M.categoryRefusal}{deployment=~"$deployment"}, category)`, true)] },
    annotations: { list: [{ name: 'Argus alerts', datasource: ds, enable: true, iconColor: 'red', expr: 'ALERTS{source="argus", alertstate="firing", deployment=~"$deployment"}', titleFormat: '{{alertname}}' }] },
    panels,
  };
}
