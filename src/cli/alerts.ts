import type { Command } from 'commander';
import { openDetectionStore } from '../app/detection/compose.js';
import { loadConfig } from '../app/load-config.js';
import { toWireAlert } from '../contracts/alert.js';
import { ALERT_SEVERITIES, type AlertSeverity } from '../core/detect/types.js';
import { ArgusError } from '../core/errors.js';
import { addConfigOptions, overridesFrom, parsePositiveInt } from './options.js';

export function registerAlerts(program: Command): void {
  const alerts = program.command('alerts').description('Alerts raised by detection: list and acknowledge.');

  addConfigOptions(alerts.command('list'))
    .option('--deployment <name>', 'only this deployment')
    .option('--state <state>', 'firing or resolved')
    .option('--severity <s>', `only this severity (${ALERT_SEVERITIES.join(', ')})`)
    .option('--limit <n>', 'at most this many', parsePositiveInt, 100)
    .option('--json', 'JSON lines')
    .description('List alerts, newest first, each with its one-sentence explanation.')
    .action(async (opts: { deployment?: string; state?: string; severity?: string; limit: number; json?: boolean; config?: string; dataDir?: string }) => {
      if (opts.state !== undefined && opts.state !== 'firing' && opts.state !== 'resolved') throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--state: expected firing or resolved, got '${opts.state}'`);
      if (opts.severity !== undefined && !(ALERT_SEVERITIES as readonly string[]).includes(opts.severity)) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--severity: expected one of ${ALERT_SEVERITIES.join(', ')}, got '${opts.severity}'`);
      const store = openDetectionStore(loadConfig(opts.config, overridesFrom(opts)));
      const list = await store.listAlerts({ deployment: opts.deployment, state: opts.state as 'firing' | 'resolved' | undefined, severity: opts.severity as AlertSeverity | undefined, limit: opts.limit });
      for (const a of list) {
        process.stdout.write(opts.json ? `${JSON.stringify(toWireAlert(a))}\n`
          : `${a.id}  ${a.state.padEnd(8)}  ${a.severity.padEnd(8)}  ${a.deployment}  ${new Date(a.firstFiredMs).toISOString()}  ${a.explanation}\n`);
      }
    });

  addConfigOptions(alerts.command('ack'))
    .argument('<id>', 'alert id')
    .option('--by <name>', 'who acknowledges', process.env.USER ?? 'cli')
    .description('Acknowledge an alert (recorded in its transitions).')
    .action(async (id: string, opts: { by: string; config?: string; dataDir?: string }) => {
      const store = openDetectionStore(loadConfig(opts.config, overridesFrom(opts)));
      const t = await store.acknowledgeAlert(id, opts.by, Date.now());
      process.stdout.write(`alert ${t.alertId} acknowledged by ${opts.by}\n`);
    });
}
