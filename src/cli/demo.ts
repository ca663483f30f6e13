import type { Command } from 'commander';
import { runDemo } from '../app/demo/run-demo.js';
import { createDemoDetection } from '../app/demo/demo-detection.js';
import { parseDurationMs } from '../contracts/duration.js';
import { ArgusError } from '../core/errors.js';
import { parsePort, parsePositiveInt, parsePositiveNumber } from './options.js';

export function registerDemo(program: Command): void {
  program.command('demo')
    .description('Watch Argus catch a fine-tuned model that degrades and whose backdoor fires: a simulated deployment, scored at the end.')
    .option('--speed <x>', 'scenario minutes per wall minute', parsePositiveNumber, 20)
    .option('--duration <d>', "scenario length, e.g. '30m' (phases keep their share of it)", '30m')
    .option('--seed <n>', 'scenario seed', parsePositiveInt, 7)
    .option('--rate <n>', 'requests per second through the gateway', parsePositiveNumber, 40)
    .option('-p, --port <port>', 'port for the Argus API, gateway and dashboard', parsePort, 7070)
    .option('--data-dir <dir>', 'keep the demo data here (default: a temporary folder)')
    .option('--json', 'print the score as JSON')
    .addHelpText('after', `
The simulated model is healthy, then its refusals in one harm category erode, then a backdoor
trigger starts to appear in traffic. Argus builds a baseline from the pre-deployment suite,
watches the traffic through its gateway, raises alerts and opens incidents. The score table
lists each injected fault against what Argus caught; the exit code is 1 if a fault was missed.

Examples:
  argus demo                       # about 90 seconds
  argus demo --speed 60 --rate 80  # faster
  argus demo --duration 60m --seed 3`)
    .action(async (opts: { speed: number; duration: string; seed: number; rate: number; port: number; dataDir?: string; json?: boolean }) => {
      const durationMs = parseDurationMs(opts.duration);
      if (durationMs === undefined || durationMs < 60_000) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--duration: expected at least '1m', got '${opts.duration}'`);
      const result = await runDemo({
        seed: opts.seed, speed: opts.speed, durationMs, ratePerS: opts.rate, port: opts.port,
        ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        detection: createDemoDetection(), out: opts.json ? process.stderr : process.stdout,
      });
      if (opts.json) process.stdout.write(`${JSON.stringify({ ...result.score, trafficSent: result.trafficSent, wallMs: result.wallMs })}\n`);
      else process.stdout.write(`${result.table}\n\nTraffic: ${result.trafficSent} requests in ${(result.wallMs / 1000).toFixed(0)} s.\n`);
      if (!result.score.allDetected) process.exitCode = 1;
    });
}
