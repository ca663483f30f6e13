import { InvalidArgumentError, type Command } from 'commander';
import { withResponse } from '../app/response/open-response.js';
import { REVIEW_LABELS, type ReviewLabel } from '../core/review/precision.js';
import { addConfigOptions, overridesFrom, parsePositiveInt } from './options.js';

type Opts = { config?: string; dataDir?: string; json?: boolean; by?: string; deployment?: string; status?: string; rule?: string; raw?: boolean; note?: string; limit?: number };
const parseLabel = (v: string): ReviewLabel => {
  if (!(REVIEW_LABELS as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${REVIEW_LABELS.join(', ')}, got '${v}'`);
  return v as ReviewLabel;
};
const parseStatus = (v: string) => {
  if (!['pending', 'labeled', 'all'].includes(v)) throw new InvalidArgumentError(`expected pending, labeled or all, got '${v}'`);
  return v;
};

export function registerReview(program: Command): void {
  const cmd = program.command('review').description('The review queue: flagged outputs waiting for a person, labels, and per-rule precision.')
    .addHelpText('after', `
Texts are shown with PII redacted unless --raw is given.

Examples:
  argus review list --deployment bank-bot --limit 20
  argus review label 41 harmful --note "gives real instructions"
  argus review stats --json`);
  addConfigOptions(cmd.command('list')).description('Flagged outputs, highest score first.')
    .option('--status <status>', 'pending, labeled or all', parseStatus, 'pending').option('--deployment <name>', 'only this deployment')
    .option('--rule <rule>', 'only items flagged by this rule').option('--limit <n>', 'most items', parsePositiveInt, 20)
    .option('--raw', 'show texts without PII redaction').option('--json', 'print JSON')
    .action(async (o: Opts) => withResponse(o.config, overridesFrom(o), async (r) => {
      const items = await r.review.list({ status: o.status as 'pending', deployment: o.deployment, rule: o.rule, limit: o.limit as number, redact: o.raw !== true });
      if (o.json) { process.stdout.write(`${JSON.stringify({ items })}\n`); return; }
      if (items.length === 0) { process.stdout.write('the queue is empty\n'); return; }
      for (const it of items) {
        process.stdout.write(`#${it.id}  ${it.deployment}  [${it.rules.join(',')}]  ${it.reasons.join('; ')}${it.label ? `  label=${it.label}` : ''}\n`);
        if (it.sample) process.stdout.write(`   in:  ${it.sample.input.slice(0, 160).replace(/\s+/g, ' ')}\n   out: ${it.sample.output.slice(0, 160).replace(/\s+/g, ' ')}\n`);
      }
    }));
  addConfigOptions(cmd.command('label')).description('Label a flagged output.')
    .argument('<id>', 'review item id', parsePositiveInt).argument('<label>', REVIEW_LABELS.join(' | '), parseLabel)
    .option('--note <text>', 'why').option('--by <name>', 'who (recorded)').option('--json', 'print JSON')
    .action(async (id: number, label: ReviewLabel, o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const it = r.review.label(id, label, o.note ?? null, o.by ?? process.env.USER ?? 'cli');
      process.stdout.write(o.json ? `${JSON.stringify(it)}\n` : `#${it.id} labelled ${it.label}\n`);
    }));
  addConfigOptions(cmd.command('stats')).description('Per-rule precision from the labels (Wilson 95% intervals).').option('--json', 'print JSON')
    .action(async (o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const s = r.review.stats();
      if (o.json) { process.stdout.write(`${JSON.stringify(s)}\n`); return; }
      process.stdout.write(`pending ${s.pending}, labeled ${s.labeled}\n`);
      for (const x of s.rules) {
        process.stdout.write(`${x.rule.padEnd(20)} precision ${x.precision === null ? '-' : x.precision.toFixed(3)}  [${x.interval ? `${x.interval.lower.toFixed(3)}, ${x.interval.upper.toFixed(3)}` : '-'}]  harmful ${x.harmful}, false_positive ${x.falsePositive}, benign ${x.benign}\n`);
      }
    }));
}
