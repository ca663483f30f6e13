import type { Command } from 'commander';
import { createArgus } from '../app/argus.js';
import { applyHeapGrowth } from '../app/heap-growth.js';
import { loadConfig } from '../app/load-config.js';
import { addConfigOptions, overridesFrom, parsePort } from './options.js';

export function registerServe(program: Command): void {
  addConfigOptions(program.command('serve'))
    .description('Run Argus: the OpenAI-compatible gateway, the ingest and management API, /metrics and the dashboard.')
    .option('-p, --port <port>', 'port to listen on (default 7070)', parsePort)
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--upstream <url>', 'OpenAI-compatible model endpoint the gateway forwards to, e.g. http://127.0.0.1:8000/v1')
    .addHelpText('after', `
Examples:
  argus serve --upstream http://127.0.0.1:8000/v1
  argus serve --config argus.yaml --port 8080
Then point clients at http://127.0.0.1:7070/v1 instead of the model, or POST events to /api/v1/events.`)
    .action(async (opts: { config?: string; port?: number; host?: string; dataDir?: string; upstream?: string }) => {
      const config = loadConfig(opts.config, overridesFrom(opts));
      const heapGrowth = applyHeapGrowth(config.server.heap_growth_percent);
      const argus = createArgus({ config });
      argus.logger.debug({ heapGrowthPercent: heapGrowth ?? 'V8 default' }, 'heap growth between full collections');
      const address = await argus.listen();
      const upstream = config.gateway.upstream.url ?? '(none: set --upstream to enable the gateway)';
      process.stderr.write([
        `Argus is running on ${address}`,
        `  dashboard ${address}/`,
        `  gateway   ${address}/v1  ->  ${upstream}`,
        `  ingest    POST ${address}/api/v1/events`,
        `  metrics   ${address}/metrics`,
        `  data      ${config.data_dir}`,
        `  access    ${config.auth.keys.length ? `${config.auth.keys.length} API key(s), dashboard login at ${address}/login` : 'open: no auth.keys configured (docs/auth.md)'}`,
        '',
      ].join('\n'));
      const shutdown = (signal: string) => {
        argus.logger.info({ signal }, 'shutting down');
        argus.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
}
