export { grafanaDashboard, type GrafanaOptions } from './grafana-dashboard.js';
export { prometheusRules, prometheusRulesYaml, type RulesOptions } from './prometheus-rules.js';
export { registerSafetyGauges, SAFETY_METRIC_NAMES, type SafetyGaugeDeps } from './safety-gauges.js';
export { noBaselines, type AnomalyLookup, type BaselineLookup, type BaselineReference } from './baseline-reference.js';
