import type { Command } from 'commander';
import { openDetectionStore } from '../app/detection/compose.js';
import { loadConfig } from '../app/load-config.js';
import { openStore } from '../app/open-store.js';
import { summariseBaseline } from '../contracts/baseline.js';
import { diffProfiles } from '../core/baseline/diff.js';
import { ArgusError } from '../core/errors.js';
import { addConfigOptions, overridesFrom } from './options.js';
import { registerBaselineCreate } from './baseline-create.js';
import { registerBaselineReview } from './baseline-review.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);

/** Opens the event and detection stores of the configured data dir, runs `fn`, closes them. */
async function withStores<T>(opts: { config?: string; dataDir?: string }, fn: (s: { events: ReturnType<typeof openStore>; detection: ReturnType<typeof openDetectionStore> }) => Promise<T>): Promise<T> {
  const config = loadConfig(opts.config, overridesFrom(opts));
  const events = openStore(config);
  try {
    return await fn({ events, detection: openDetectionStore(config) });
  } finally {
    await events.close();
  }
}

export function registerBaseline(program: Command): void {
  const baseline = program.command('baseline').description('Versioned behavioural profiles that detection compares traffic with: create, review, list, show, diff, activate.');

  registerBaselineCreate(baseline);
  registerBaselineReview(baseline);

  addConfigOptions(baseline.command('list'))
    .option('--deployment <name>', 'only this deployment')
    .option('--json', 'JSON lines')
    .description('List baseline versions, newest first.')
    .action(async (opts: { deployment?: string; json?: boolean; config?: string; dataDir?: string }) => {
      await withStores(opts, async ({ detection }) => {
        for (const b of await detection.listBaselines(opts.deployment)) {
          process.stdout.write(opts.json ? `${JSON.stringify(summariseBaseline(b))}\n`
            : `${b.id}  ${b.deployment}  v${b.version}  ${b.status.padEnd(8)}  ${b.reason.padEnd(14)}  ${new Date(b.createdMs).toISOString()}  ${b.profile.events} events  refusal ${pct(b.profile.refusal.overall.rate)}\n`);
        }
      });
    });

  addConfigOptions(baseline.command('show'))
    .argument('<id>', 'baseline id')
    .description('Show one baseline version: its reason, source, fingerprint and headline numbers (JSON).')
    .action(async (id: string, opts: { config?: string; dataDir?: string }) => {
      await withStores(opts, async ({ detection }) => {
        const b = await detection.getBaseline(id);
        if (!b) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no baseline with id '${id}'`);
        process.stdout.write(`${JSON.stringify(summariseBaseline(b), null, 2)}\n`);
      });
    });

  addConfigOptions(baseline.command('diff'))
    .argument('<id>', 'the newer version')
    .requiredOption('--against <id>', 'the version to compare with')
    .option('--json', 'JSON rows')
    .description('Compare two versions metric by metric, with a test per row and safety regressions marked.')
    .action(async (id: string, opts: { against: string; json?: boolean; config?: string; dataDir?: string }) => {
      await withStores(opts, async ({ detection }) => {
        const [after, before] = [await detection.getBaseline(id), await detection.getBaseline(opts.against)];
        if (!after) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no baseline with id '${id}'`);
        if (!before) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no baseline with id '${opts.against}'`);
        const rows = diffProfiles(before.profile, after.profile);
        if (opts.json) { process.stdout.write(`${JSON.stringify(rows)}\n`); return; }
        for (const r of rows) {
          process.stdout.write(`${r.regression ? 'REGRESSION ' : '           '}${r.metric}${r.category ? `[${r.category}]` : ''}: ${r.before ?? '–'} -> ${r.after ?? '–'}${r.pValue === null ? '' : ` (p=${r.pValue.toPrecision(3)})`}\n`);
        }
      });
    });

  addConfigOptions(baseline.command('activate'))
    .argument('<id>', 'baseline id')
    .description('Make a version the active baseline of its deployment (the previous one is retired).')
    .action(async (id: string, opts: { config?: string; dataDir?: string }) => {
      await withStores(opts, async ({ detection }) => {
        const b = await detection.activateBaseline(id, Date.now());
        process.stdout.write(`baseline ${b.id} v${b.version} is now active for ${b.deployment}\n`);
      });
    });
}
