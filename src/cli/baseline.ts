import type { Command } from 'commander';
import { openDetectionStore } from '../app/detection/compose.js';
import { createBaselineFromWindow } from '../app/detection/baselines.js';
import { loadConfig } from '../app/load-config.js';
import { openStore } from '../app/open-store.js';
import { BASELINE_REASONS, summariseBaseline, type BaselineReason } from '../contracts/baseline.js';
import { parseTimeMs } from '../contracts/duration.js';
import { EVENT_SOURCES, type EventSource } from '../contracts/event.js';
import { diffProfiles } from '../core/baseline/diff.js';
import { ArgusError } from '../core/errors.js';
import { addConfigOptions, overridesFrom } from './options.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);

function parseTime(v: string, name: string): number {
  const ms = parseTimeMs(v);
  if (ms === undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `${name}: expected an RFC 3339 time or epoch milliseconds, got '${v}'`);
  return ms;
}

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
  const baseline = program.command('baseline').description('Versioned behavioural profiles that detection compares traffic with: create, list, show, diff, activate.');

  addConfigOptions(baseline.command('create'))
    .requiredOption('--deployment <name>', 'the deployment to profile')
    .option('--since <time>', 'window start (RFC 3339 or epoch ms)')
    .option('--until <time>', 'window end, exclusive')
    .option('--sources <list>', `event sources to profile, comma-separated (${EVENT_SOURCES.join(', ')})`, 'evaluation')
    .option('--reason <reason>', `why this version exists (${BASELINE_REASONS.join(', ')})`, 'initial')
    .option('--no-activate', 'store it as proposed instead of making it active')
    .option('--note <text>', 'a note kept with the version')
    .option('--json', 'print the new version as JSON')
    .description('Profile the analysed events of a window (by default the evaluation events) into a new baseline version.')
    .addHelpText('after', `
Examples:
  argus import eval-results.jsonl                       # events with "source": "evaluation"
  argus baseline create --deployment support-bot        # once \`argus serve\` has analysed them
  argus baseline create --deployment support-bot --sources production --since 2026-11-01T00:00:00Z --until 2026-11-08T00:00:00Z --reason periodic --no-activate`)
    .action(async (opts: { deployment: string; since?: string; until?: string; sources: string; reason: string; activate: boolean; note?: string; json?: boolean; config?: string; dataDir?: string }) => {
      const sources = opts.sources.split(',').map((s) => s.trim());
      const bad = sources.find((s) => !(EVENT_SOURCES as readonly string[]).includes(s));
      if (bad !== undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--sources: unknown source '${bad}' (use ${EVENT_SOURCES.join(', ')})`);
      if (!(BASELINE_REASONS as readonly string[]).includes(opts.reason)) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--reason: expected one of ${BASELINE_REASONS.join(', ')}, got '${opts.reason}'`);
      await withStores(opts, async ({ events, detection }) => {
        const version = await createBaselineFromWindow(events, detection, {
          deployment: opts.deployment, sources: sources as EventSource[], reason: opts.reason as BaselineReason, activate: opts.activate, nowMs: Date.now(),
          sinceMs: opts.since === undefined ? undefined : parseTime(opts.since, '--since'), untilMs: opts.until === undefined ? undefined : parseTime(opts.until, '--until'),
          note: opts.note ?? null,
        });
        const s = summariseBaseline(version);
        process.stdout.write(opts.json ? `${JSON.stringify(s)}\n` : `baseline ${version.id} v${version.version} (${version.status}) for ${version.deployment}: ${version.profile.events} events, refusal of harmful requests ${pct(version.profile.refusal.overall.rate)}\n`);
      });
    });

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
