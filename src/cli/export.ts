import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { grafanaDashboard, prometheusRulesYaml } from '../app/export/index.js';
import { ArgusError } from '../core/errors.js';
import { parsePositiveInt } from './options.js';

async function emit(text: string, output: string | undefined): Promise<void> {
  if (output === undefined) { process.stdout.write(text); return; }
  try {
    await writeFile(output, text);
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `${output}: cannot write file (${(err as NodeJS.ErrnoException).code ?? 'write error'})`, { cause: err });
  }
  process.stderr.write(`wrote ${output}\n`);
}

/** `argus export prometheus-rules | grafana-dashboard`: Argus's views for the Prometheus stack. */
export function registerExport(program: Command): void {
  const exp = program.command('export').description('Write Prometheus alerting rules or a Grafana dashboard for the Argus /metrics exposition.');
  exp.command('prometheus-rules')
    .description('Prometheus alerting rules equivalent to Argus\'s threshold rules (DESIGN.md defaults), over the argus_safety_* gauges.')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--min-requests <n>', 'fewest harmful requests in the window before a refusal rule may fire (default 30)', parsePositiveInt)
    .option('--for <duration>', 'how long a condition must hold before Prometheus fires, a Prometheus duration (default 5m)')
    .addHelpText('after', `
Example:
  argus export prometheus-rules -o argus-rules.yml && promtool check rules argus-rules.yml
Then list argus-rules.yml under rule_files in prometheus.yml. See docs/prometheus.md.`)
    .action(async (opts: { output?: string; minRequests?: number; for?: string }) => {
      if (opts.for !== undefined && !/^(\d+(ms|s|m|h|d|w|y))+$/.test(opts.for)) {
        throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--for must be a Prometheus duration like 5m or 1h30m, got '${opts.for}'`);
      }
      const o: Parameters<typeof prometheusRulesYaml>[0] = {};
      if (opts.minRequests !== undefined) o.minRequests = opts.minRequests;
      if (opts.for !== undefined) o.forDuration = opts.for;
      await emit(prometheusRulesYaml(o), opts.output);
    });
  exp.command('grafana-dashboard')
    .description('A Grafana dashboard JSON (Prometheus data source) with the overview and deployment views.')
    .option('-o, --output <file>', 'write to this file instead of stdout')
    .option('--datasource-uid <uid>', 'uid of your Prometheus data source (default: ask on import via ${DS_PROMETHEUS})')
    .option('--title <title>', 'dashboard title (default "Argus: model safety")')
    .addHelpText('after', `
Example:
  argus export grafana-dashboard -o argus-dashboard.json
Then import it in Grafana (Dashboards > New > Import) and pick your Prometheus data source.`)
    .action(async (opts: { output?: string; datasourceUid?: string; title?: string }) => {
      const o: Parameters<typeof grafanaDashboard>[0] = {};
      if (opts.datasourceUid !== undefined) o.datasourceUid = opts.datasourceUid;
      if (opts.title !== undefined) o.title = opts.title;
      await emit(`${JSON.stringify(grafanaDashboard(o), null, 2)}\n`, opts.output);
    });
}
