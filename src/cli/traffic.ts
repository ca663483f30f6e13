import { InvalidArgumentError, type Command } from 'commander';
import { request } from 'undici';
import { parseDurationMs } from '../contracts/duration.js';
import { parseScenario } from '../contracts/scenario.js';
import { ArgusError } from '../core/errors.js';
import type { Scenario } from '../core/simulate/scenario.js';
import { runTraffic, type TrafficSummary } from '../app/traffic/generator.js';
import { loadScenario } from '../app/traffic/scenario-file.js';
import { createProgress } from './progress.js';
import { parsePositiveInt, parsePositiveNumber, parseSeed } from './options.js';

function parseDuration(value: string): number {
  const ms = parseDurationMs(/^\d+(\.\d+)?$/.test(value) ? `${value}s` : value);
  if (ms === undefined || ms <= 0) throw new InvalidArgumentError(`expected a duration like '90s' or '5m', got '${value}'`);
  return ms;
}

function parseShare(value: string): number {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError(`expected a share from 0 to 1, got '${value}'`);
  return n;
}

function collectHeader(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf(':');
  if (at <= 0) throw new InvalidArgumentError(`expected 'Name: value', got '${value}'`);
  return { ...previous, [value.slice(0, at).trim().toLowerCase()]: value.slice(at + 1).trim() };
}

/** Reads the simulator's scenario and its current scenario time, so trigger traffic follows its phase. */
async function followSimulator(url: string): Promise<{ scenario: Scenario; scenarioNowMs: () => number }> {
  const root = url.replace(/\/+$/, '').replace(/\/v1$/, '');
  try {
    const scenario = parseScenario(await (await request(`${root}/simulate/scenario`)).body.json(), `${root}/simulate/scenario`);
    const state = (await (await request(`${root}/simulate/state`)).body.json()) as { elapsedMs: number; speed: number };
    const t0 = Date.now();
    return { scenario, scenarioNowMs: () => state.elapsedMs + (Date.now() - t0) * state.speed };
  } catch (err) {
    if (err instanceof ArgusError) throw err;
    throw new ArgusError('ARGUS_ERR_UPSTREAM', `cannot read the simulator state at ${root}: ${(err as Error).message}`, { cause: err });
  }
}

interface TrafficOpts {
  target: string; model: string; deployment: string; rate: number; concurrency: number; count: number; duration: number; seed: number;
  streamShare: number; users: number; sim?: string; scenario?: string; speed: number; triggerShare?: number; out?: string;
  header: Record<string, string>; json?: boolean;
}

export function registerTraffic(program: Command): void {
  program.command('traffic')
    .description('Send a realistic, seeded mix of requests (benign, harmful, jailbreaks, PII, backdoor triggers) to an OpenAI-compatible endpoint, recording the ground truth.')
    .requiredOption('--target <url>', 'OpenAI-compatible base URL, e.g. the Argus gateway http://127.0.0.1:7070/v1')
    .option('--model <name>', 'model name to request', 'argus-sim-ft')
    .option('--deployment <name>', 'sent as x-argus-deployment', 'default')
    .option('--rate <n>', 'requests per second', parsePositiveNumber, 20)
    .option('--concurrency <n>', 'most requests in flight at once', parsePositiveInt, 16)
    .option('--count <n>', 'stop after this many requests', parsePositiveInt, 1000)
    .option('--duration <d>', "stop after this long ('90s', '5m'; a bare number is seconds)", parseDuration, 600_000)
    .option('--seed <n>', 'seed for the prompt mix', parseSeed, 1)
    .option('--stream-share <x>', 'share of requests that stream', parseShare, 0.3)
    .option('--users <n>', 'distinct simulated users (x-argus-user)', parsePositiveInt, 200)
    .option('--sim <url>', 'follow a running `argus simulate` so trigger prompts are sent during its backdoor phase')
    .option('--scenario <file|default>', 'or run a scenario clock locally from now (with --speed)')
    .option('--speed <x>', 'scenario speed for --scenario', parsePositiveNumber, 1)
    .option('--trigger-share <x>', 'send the trigger in this share of requests at all times', parseShare)
    .option('--out <file.jsonl>', 'append one ground-truth record per request')
    .option('-H, --header <header>', "extra request header 'Name: value' (repeatable)", collectHeader, {})
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', `
Examples:
  argus traffic --target http://127.0.0.1:7070/v1 --sim http://127.0.0.1:8000 --rate 50 --count 5000 --out truth.jsonl
  argus traffic --target http://127.0.0.1:8000/v1 --rate 5 --count 20 --trigger-share 0.5 --json`)
    .action(async (opts: TrafficOpts) => {
      const follow = opts.sim ? await followSimulator(opts.sim) : undefined;
      let scenarioOpts: { scenario: Scenario; scenarioNowMs: () => number } | undefined = follow;
      if (!scenarioOpts && opts.scenario) {
        const t0 = Date.now();
        scenarioOpts = { scenario: loadScenario(opts.scenario), scenarioNowMs: () => (Date.now() - t0) * opts.speed };
      }
      const total = Math.min(opts.count, Math.ceil((opts.duration / 1000) * opts.rate));
      const progress = createProgress('traffic', total);
      let done = 0;
      const summary: TrafficSummary = await runTraffic({
        baseUrl: opts.target, model: opts.model, deployment: opts.deployment, ratePerS: opts.rate, concurrency: opts.concurrency,
        maxRequests: opts.count, maxDurationMs: opts.duration, seed: opts.seed, streamShare: opts.streamShare, users: opts.users,
        headers: opts.header, keepRecords: false,
        ...(scenarioOpts ?? {}),
        ...(opts.triggerShare === undefined ? {} : { triggerShareOverride: opts.triggerShare }),
        ...(opts.out ? { jsonlPath: opts.out } : {}),
        onRecord: () => progress.update(++done),
      });
      progress.finish(`${summary.sent} sent`);
      const { records: _records, ...rest } = summary;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rest)}\n`);
      } else {
        process.stdout.write([
          `sent ${summary.sent} (${summary.ok} ok, ${summary.failed} failed) in ${(summary.durationMs / 1000).toFixed(1)} s, ${summary.achievedRatePerS.toFixed(1)} req/s`,
          `by kind: ${Object.entries(summary.byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`,
          ...(opts.out ? [`ground truth: ${opts.out}`] : []),
          '',
        ].join('\n'));
      }
      if (summary.sent > 0 && summary.failed === summary.sent) throw new ArgusError('ARGUS_ERR_UPSTREAM', `every request to ${opts.target} failed`);
    });
}
