import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import pino from 'pino';
import { eventLimitsFrom, openStore } from '../app/argus.js';
import { createEventParser } from '../contracts/event-fast.js';
import { importJsonl, importSize, openImportInput } from '../app/import-jsonl.js';
import { loadConfig } from '../app/load-config.js';
import { createUserHasher, resolveUserHashSecret } from '../app/user-hash.js';
import { createEventSchema } from '../contracts/event.js';
import { ArgusError } from '../core/errors.js';
import { addConfigOptions, overridesFrom } from './options.js';
import { createProgress } from './progress.js';

export function registerImport(program: Command): void {
  addConfigOptions(program.command('import'))
    .argument('<file>', "JSONL file of events (one JSON object per line, as for POST /api/v1/events), or '-' for stdin")
    .option('--json', 'print the summary as JSON')
    .description('Import a JSONL log of interactions into the store; a running `argus serve` analyses them.')
    .addHelpText('after', `
Each line is one event, e.g.
  {"deployment":"support-bot","input":"How do I reset my password?","output":"Go to Settings...","timestamp":"2026-11-01T10:00:00Z"}
Lines with an "id" already stored are counted as duplicates, so re-running an import is safe.

Examples:
  argus import logs/2026-11-01.jsonl
  zcat logs.jsonl.gz | argus import - --json`)
    .action(async (file: string, opts: { config?: string; dataDir?: string; json?: boolean }) => {
      if (file !== '-' && !existsSync(file)) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `no such file: ${file}`);
      const config = loadConfig(opts.config, overridesFrom(opts));
      const logger = pino({ level: 'warn' }, pino.destination(2));
      const store = openStore(config);
      const hashUser = createUserHasher(resolveUserHashSecret(process.env, config.privacy.user_hash_secret_env, config.data_dir, (m) => logger.warn(m)));
      const total = importSize(file);
      const progress = createProgress(`importing ${file === '-' ? 'stdin' : file}`, total);
      try {
        const summary = await importJsonl(openImportInput(file), {
          store, parseEvent: createEventParser(createEventSchema(eventLimitsFrom(config)), eventLimitsFrom(config)), hashUser, nowMs: () => Date.now(),
          onProgress: (p) => progress.update(total === undefined ? p.lines : p.bytes, total === undefined ? 'lines' : ''),
        });
        progress.finish(`${summary.lines.toLocaleString('en-US')} lines`);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(summary)}\n`);
        } else {
          process.stdout.write(`accepted ${summary.accepted}, duplicates ${summary.duplicates}, invalid ${summary.invalid} (of ${summary.lines} lines)\n`);
          for (const bad of summary.invalidLines.slice(0, 20)) process.stdout.write(`  line ${bad.line}: ${bad.error}\n`);
          if (summary.invalid > 20) process.stdout.write(`  ... and ${summary.invalid - 20} more (use --json for the list)\n`);
        }
        if (summary.invalid > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
