import { InvalidArgumentError, type Command } from 'commander';
import { detectionSettingsFrom, openDetectionStore } from '../app/detection/compose.js';
import { createPeriodicReview } from '../app/detection/periodic-review.js';
import { loadConfig } from '../app/load-config.js';
import { openStore } from '../app/open-store.js';
import { systemClock } from '../adapters/system-clock.js';
import { parseDurationMs } from '../contracts/duration.js';
import { addConfigOptions, overridesFrom } from './options.js';

function parseWindow(v: string): number {
  const ms = parseDurationMs(v);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`expected a duration like '7d' or '12h', got '${v}'`);
  return ms;
}

/** `argus baseline review`: the periodic review, run now for one deployment. */
export function registerBaselineReview(baseline: Command): void {
  addConfigOptions(baseline.command('review'))
    .requiredOption('--deployment <name>', 'the deployment whose active baseline to review')
    .option('--window <duration>', 'recent production traffic to compare (default: detection.review.window, 7d)', parseWindow)
    .option('--json', 'print the result as JSON')
    .description('Review the active baseline against recent traffic now: propose a refreshed baseline if inputs drifted and safety did not regress.')
    .addHelpText('after', `
The same review \`argus serve\` runs on detection.review.schedule (monthly by default). A proposal is
stored with reason periodic and status proposed; activate it with \`argus baseline activate ID\`.
When safety metrics regressed, nothing is proposed and the regressions are listed: they belong
in an alert, not in the baseline.

Example:
  argus baseline review --deployment support-bot --window 14d`)
    .action(async (opts: { deployment: string; window?: number; json?: boolean; config?: string; dataDir?: string }) => {
      const config = loadConfig(opts.config, overridesFrom(opts));
      const events = openStore(config);
      try {
        const r = config.detection.review;
        const review = createPeriodicReview({
          events, store: openDetectionStore(config), clock: systemClock, schedule: r.schedule, windowMs: opts.window ?? r.window, minEvents: r.min_events, alpha: r.alpha,
          thresholds: detectionSettingsFrom(config).thresholds,
        });
        const result = await review.reviewDeployment(opts.deployment);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ deployment: result.deployment, baseline: result.baselineId, proposal: result.proposal?.id ?? null, ...result.outcome })}\n`);
          return;
        }
        process.stdout.write(`${result.deployment}: ${result.outcome.summary}\n`);
        for (const d of result.outcome.inputDrift) process.stdout.write(`  drift       ${d.metric}: p=${d.pValue.toPrecision(3)}, effect ${d.effect.toFixed(3)}\n`);
        for (const g of result.outcome.regressions) process.stdout.write(`  regression  ${g.metric}${g.category ? `[${g.category}]` : ''}: ${g.before ?? '–'} -> ${g.after ?? '–'}\n`);
        if (result.proposal) process.stdout.write(`proposed baseline ${result.proposal.id} v${result.proposal.version}; activate it with: argus baseline activate ${result.proposal.id}\n`);
      } finally {
        await events.close();
      }
    });
}
