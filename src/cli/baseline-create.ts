import { InvalidArgumentError, type Command } from 'commander';
import { buildClassifier } from '../app/build-analysis.js';
import { analyseRecords, createBaselineFromRecords, createBaselineFromSuite } from '../app/detection/baseline-sources.js';
import { createBaselineFromWindow } from '../app/detection/baselines.js';
import { openDetectionStore } from '../app/detection/compose.js';
import { readEvalFile } from '../app/detection/eval-records.js';
import { readSuiteFile } from '../app/detection/suite-runner.js';
import { eventLimitsFrom } from '../app/argus.js';
import { loadConfig } from '../app/load-config.js';
import { openStore } from '../app/open-store.js';
import { createAnalyzer } from '../app/pipeline/analyzer.js';
import { BASELINE_REASONS, summariseBaseline, type BaselineReason, type BaselineVersion } from '../contracts/baseline.js';
import { parseDurationMs, parseTimeMs } from '../contracts/duration.js';
import { createEventSchema, EVENT_SOURCES, type EventSource } from '../contracts/event.js';
import type { ArgusConfig } from '../contracts/config.js';
import { ArgusError } from '../core/errors.js';
import { addConfigOptions, overridesFrom, parsePositiveInt } from './options.js';
import { createProgress } from './progress.js';

interface CreateOpts {
  deployment: string; since?: string; until?: string; sources?: string; reason: string; activate: boolean; note?: string; json?: boolean;
  fromEval?: string; suite?: string; target?: string; model?: string; apiKeyEnv?: string; concurrency: number; timeout?: number; retries: number;
  config?: string; dataDir?: string;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(x * 100).toFixed(1)}%`);

function parseTime(v: string, name: string): number {
  const ms = parseTimeMs(v);
  if (ms === undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `${name}: expected an RFC 3339 time or epoch milliseconds, got '${v}'`);
  return ms;
}

function parseTimeout(v: string): number {
  const ms = parseDurationMs(v);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`expected a duration like '30s' or milliseconds, got '${v}'`);
  return ms;
}

function parseRetries(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new InvalidArgumentError(`expected a whole number from 0 to 10, got '${v}'`);
  return n;
}

function checkOptions(o: CreateOpts): void {
  if (!(BASELINE_REASONS as readonly string[]).includes(o.reason)) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--reason: expected one of ${BASELINE_REASONS.join(', ')}, got '${o.reason}'`);
  const windowOpts = ['since', 'until', 'sources'].filter((k) => o[k as keyof CreateOpts] !== undefined).map((k) => `--${k}`);
  if (o.fromEval !== undefined && o.suite !== undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', 'use either --from-eval or --suite, not both');
  if ((o.fromEval !== undefined || o.suite !== undefined) && windowOpts.length > 0) {
    throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `${windowOpts.join(', ')} select stored events; they do not apply to ${o.fromEval !== undefined ? '--from-eval' : '--suite'}`);
  }
  if (o.suite !== undefined && o.target === undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', '--suite needs --target <url> (an OpenAI-compatible base URL, e.g. http://localhost:8000/v1)');
  if (o.target !== undefined && o.suite === undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', '--target is only used with --suite <file>');
}

function analyzerFor(config: ArgusConfig, what: string) {
  const classifier = buildClassifier(config);
  if (!classifier) throw new ArgusError('ARGUS_ERR_CONFIG', `${what} classifies every record with the built-in classifiers, but classifiers.enabled is false in the config`);
  if (classifier.missing.length > 0) process.stderr.write(`argus: no model for ${classifier.missing.join(', ')}: neutral values used\n`);
  return createAnalyzer(classifier);
}

async function create(o: CreateOpts): Promise<BaselineVersion> {
  const config = loadConfig(o.config, overridesFrom(o));
  const detection = openDetectionStore(config);
  const common = { deployment: o.deployment, reason: o.reason as BaselineReason, activate: o.activate, nowMs: Date.now(), note: o.note ?? null };
  if (o.fromEval !== undefined) {
    const file = await readEvalFile(o.fromEval, { deployment: o.deployment, schema: createEventSchema(eventLimitsFrom(config)), nowMs: common.nowMs });
    const skipped = Object.entries(file.otherDeployments);
    if (skipped.length > 0) process.stderr.write(`argus: skipped ${skipped.map(([d, n]) => `${n} line${n === 1 ? '' : 's'} for '${d}'`).join(', ')}\n`);
    const progress = createProgress('classifying', file.records.length);
    const events = await analyseRecords(file.records, analyzerFor(config, '--from-eval'), (done) => progress.update(done));
    progress.finish(`${file.records.length} records`);
    return createBaselineFromRecords(detection, events, { ...common, source: { kind: 'eval', file: o.fromEval, sources: ['evaluation'] } });
  }
  if (o.suite !== undefined) {
    const items = readSuiteFile(o.suite);
    const analyzer = analyzerFor(config, '--suite');
    const asking = createProgress(`asking ${o.target as string}`, items.length);
    const analysing = createProgress('classifying', items.length);
    const { version } = await createBaselineFromSuite(detection, analyzer, {
      ...common, items, suiteFile: o.suite, source: { kind: 'suite', file: o.suite, target: o.target as string, sources: ['evaluation'] },
      target: { url: o.target as string, model: o.model, apiKey: o.apiKeyEnv ? process.env[o.apiKeyEnv] : undefined, concurrency: o.concurrency, timeoutMs: o.timeout ?? 60_000, retries: o.retries },
      onAsked: (done) => { asking.update(done); if (done === items.length) asking.finish(`${items.length} prompts`); },
      onAnalysed: (done) => analysing.update(done),
    });
    analysing.finish(`${items.length} answers`);
    return version;
  }
  const sources = (o.sources ?? 'evaluation').split(',').map((s) => s.trim());
  const bad = sources.find((s) => !(EVENT_SOURCES as readonly string[]).includes(s));
  if (bad !== undefined) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--sources: unknown source '${bad}' (use ${EVENT_SOURCES.join(', ')})`);
  const events = openStore(config);
  try {
    return await createBaselineFromWindow(events, detection, {
      ...common, sources: sources as EventSource[],
      sinceMs: o.since === undefined ? undefined : parseTime(o.since, '--since'), untilMs: o.until === undefined ? undefined : parseTime(o.until, '--until'),
    });
  } finally {
    await events.close();
  }
}

export function registerBaselineCreate(baseline: Command): void {
  addConfigOptions(baseline.command('create'))
    .requiredOption('--deployment <name>', 'the deployment to profile')
    .option('--from-eval <file>', 'a pre-deployment evaluation run in the import format (JSONL); its records are classified here')
    .option('--suite <file>', 'a prompt suite (suites/*.jsonl format) to send to --target')
    .option('--target <url>', 'OpenAI-compatible base URL that answers the suite, e.g. http://localhost:8000/v1')
    .option('--model <name>', 'model to ask (default: the first one GET /models lists)')
    .option('--api-key-env <name>', 'environment variable holding the target\'s API key')
    .option('--concurrency <n>', 'suite requests in flight', parsePositiveInt, 8)
    .option('--timeout <duration>', 'per-request timeout for the suite, e.g. 30s (default: 60s)', parseTimeout)
    .option('--retries <n>', 'extra attempts per prompt after a network error, timeout, 429 or 5xx', parseRetries, 2)
    .option('--since <time>', 'window start (RFC 3339 or epoch ms), for stored events')
    .option('--until <time>', 'window end, exclusive')
    .option('--sources <list>', `stored event sources to profile, comma-separated (${EVENT_SOURCES.join(', ')}; default evaluation)`)
    .option('--reason <reason>', `why this version exists (${BASELINE_REASONS.join(', ')})`, 'initial')
    .option('--no-activate', 'store it as proposed instead of making it active')
    .option('--note <text>', 'a note kept with the version')
    .option('--json', 'print the new version as JSON')
    .description('Make a new baseline version from an evaluation file, a suite run against an endpoint, or a window of stored, analysed events.')
    .addHelpText('after', `
Three sources:
  --from-eval FILE            evaluation results in the import format; lines without "source" count as evaluation
  --suite FILE --target URL   every suite prompt sent to the endpoint; the answers count as evaluation events
  (neither)                   stored events analysed by \`argus serve\`: --sources, --since, --until
Any bad line in FILE fails the command, naming the line numbers; nothing is stored then.

Examples:
  argus baseline create --deployment support-bot --from-eval eval-results.jsonl
  argus baseline create --deployment support-bot --suite suites/pre-deployment.jsonl --target http://localhost:8000/v1 --model my-ft
  argus baseline create --deployment support-bot --sources production --since 2026-11-01T00:00:00Z --until 2026-11-08T00:00:00Z --reason periodic --no-activate`)
    .action(async (opts: CreateOpts) => {
      checkOptions(opts);
      const version = await create(opts);
      process.stdout.write(opts.json ? `${JSON.stringify(summariseBaseline(version))}\n`
        : `baseline ${version.id} v${version.version} (${version.status}) for ${version.deployment}: ${version.profile.events} events, refusal of harmful requests ${pct(version.profile.refusal.overall.rate)}\n`);
    });
}
