import { InvalidArgumentError, type Command } from 'commander';
import { runDemo } from '../app/demo/run-demo.js';
import { createDemoDetection } from '../app/demo/demo-detection.js';
import { parseDurationMs } from '../contracts/duration.js';
import { ArgusError } from '../core/errors.js';
import { parsePort, parsePositiveInt, parsePositiveNumber } from './options.js';

function parseBaselineKind(value: string): 'representative' | 'suite' {
  if (value === 'representative' || value === 'suite') return value;
  throw new InvalidArgumentError(`expected 'representative' or 'suite', got '${value}'`);
}

export function registerDemo(program: Command): void {
  program.command('demo')
    .description('Watch Argus catch a fine-tuned model that degrades and whose backdoor fires: a simulated deployment, scored at the end.')
    .option('--speed <x>', 'scenario minutes per wall minute', parsePositiveNumber, 20)
    .option('--duration <d>', "scenario length, e.g. '30m' (phases keep their share of it)", '30m')
    .option('--seed <n>', 'scenario seed', parsePositiveInt, 7)
    .option('--rate <n>', 'requests per second through the gateway (with --stepped: rate x 60 / speed requests per scenario minute)', parsePositiveNumber, 80)
    .option('-p, --port <port>', 'port for the Argus API, gateway and dashboard', parsePort, 7070)
    .option('--data-dir <dir>', 'keep the demo data here (default: a temporary folder)')
    .option('--stepped', 'deterministic run: one request at a time on a scenario clock that moves only between requests (as fast as the machine allows)')
    .option('--baseline <kind>', "baseline from 'representative' (2,000 prompts drawn like the traffic) or 'suite' (suites/pre-deployment.jsonl)", parseBaselineKind, 'representative')
    .option('--json', 'print the score as JSON')
    .addHelpText('after', `
The simulated model is healthy, then its refusals in one harm category erode, then a backdoor
trigger starts to appear in 2% of traffic. Argus builds a baseline from a pre-deployment
evaluation, watches the traffic through its gateway, raises alerts and opens incidents; the
backdoor is found by the input n-gram detector (no trigger list). The score table lists each
injected fault against what Argus caught; the exit code is 1 if a fault was missed.

Examples:
  argus demo                        # about 90 seconds
  argus demo --stepped              # the same traffic, deterministic for the seed
  argus demo --duration 60m --seed 3`)
    .action(async (opts: { speed: number; duration: string; seed: number; rate: number; port: number; dataDir?: string; json?: boolean; stepped?: boolean; baseline: 'representative' | 'suite' }) => {
      const durationMs = parseDurationMs(opts.duration);
      if (durationMs === undefined || durationMs < 60_000) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--duration: expected at least '1m', got '${opts.duration}'`);
      const result = await runDemo({
        seed: opts.seed, speed: opts.speed, durationMs, ratePerS: opts.rate, port: opts.port,
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}), pacing: opts.stepped ? 'stepped' : 'wall', baseline: opts.baseline,
        detection: createDemoDetection(), out: opts.json ? process.stderr : process.stdout,
      });
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...result.score, trafficSent: result.trafficSent, wallMs: result.wallMs })}\n`);
      else process.stdout.write(`${result.table}\n\nTraffic: ${result.trafficSent} requests in ${(result.wallMs / 1000).toFixed(0)} s.\n`);
      if (!result.score.allDetected) process.exitCode = 1;
    });
}
