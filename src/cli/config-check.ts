import type { Command } from 'commander';
import { loadConfig } from '../app/load-config.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description('Inspect and validate configuration.');
  config.command('check')
    .argument('<file>', 'YAML config file')
    .option('--json', 'print the resolved config (defaults filled in) as JSON')
    .description('Validate a config file: prints every problem with its path, or the resolved config.')
    .action((file: string, opts: { json?: boolean }) => {
      const resolved = loadConfig(file);
      if (opts.json) process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
      else process.stdout.write(`${file}: ok\n`);
    });
}
