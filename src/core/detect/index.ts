/** Detection: rules, sequential tests, alerts. Import from here. */
export * from './types.js';
export * from './thresholds.js';
export * from './settings.js';
export * from './minute-record.js';
export * from './sequential.js';
export * from './window-rules.js';
export * from './changepoint.js';
export * from './alarm-finding.js';
export * from './alerts.js';
export * from './explain.js';
export * from './backdoor.js';
export * from './backdoor-finding.js';
