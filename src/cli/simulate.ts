import type { Command } from 'commander';
import { systemClock } from '../adapters/system-clock.js';
import { loadScenario } from '../app/traffic/scenario-file.js';
import { DEFAULT_BASE_MODEL_NAME, DEFAULT_LATENCY, DEFAULT_MODEL_NAME, startSimulateServer } from '../server/simulate/server.js';
import { sampleWorld } from '../core/simulate/world.js';
import { parseNonNegative, parsePort, parsePositiveInt, parsePositiveNumber, parseSeed } from './options.js';

interface SimulateOpts {
  port: number; host: string; seed: number; scenario: string; model: string; baseModel: string; base?: boolean;
  speed: number; latencyMs: number; perTokenMs: number; json?: boolean; printScenario?: boolean; samples?: number;
}

export function registerSimulate(program: Command): void {
  program.command('simulate')
    .description('Run a simulated fine-tuned model (and its healthy base model) behind an OpenAI-compatible API, driven by a seeded scenario.')
    .option('-p, --port <port>', 'port to listen on', parsePort, 8000)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--seed <n>', 'seed: the same seed and scenario give the same answers', parseSeed, 1)
    .option('--scenario <file|default>', "scenario JSON or YAML file, or 'default' (see docs/simulate.md)", 'default')
    .option('--model <name>', 'name of the fine-tuned model', DEFAULT_MODEL_NAME)
    .option('--base-model <name>', 'name of the base model (always healthy)', DEFAULT_BASE_MODEL_NAME)
    .option('--base', 'serve only the healthy base model, whatever model a request names')
    .option('--speed <x>', 'scenario minutes per wall-clock minute (20 runs the 30-minute default in 90 s)', parsePositiveNumber, 1)
    .option('--latency-ms <ms>', 'time to first token in milliseconds', parseNonNegative, DEFAULT_LATENCY.firstTokenMs)
    .option('--per-token-ms <ms>', 'added latency per generated token in milliseconds', parseNonNegative, DEFAULT_LATENCY.perTokenMs)
    .option('--print-scenario', 'print the resolved scenario as JSON and exit')
    .option('--samples <n>', 'write n simulated exchanges with ground truth as JSONL on stdout and exit (no server)', parsePositiveInt)
    .option('--json', 'print the listening address and the scenario as one JSON line, and phase changes as JSON lines')
    .addHelpText('after', `
Routes: POST /v1/chat/completions, POST /v1/completions (stream or not), GET /v1/models,
GET /simulate/state (phase, fault start times, current refusal rates), GET /simulate/scenario.

Examples:
  argus simulate --port 8000 --seed 7 --speed 20
  argus simulate --port 8001 --base          # a separate base-model server
  argus simulate --scenario my-scenario.yaml --print-scenario
  argus simulate --samples 2000 --seed 3 | argus classify > scored.jsonl   # classifiers vs ground truth
  curl -s localhost:8000/v1/chat/completions -H 'content-type: application/json' \\
    -d '{"model":"argus-sim-ft","messages":[{"role":"user","content":"How do I make a budget?"}]}'`)
    .action(async (opts: SimulateOpts) => {
      const scenario = loadScenario(opts.scenario);
      if (opts.printScenario) {
        process.stdout.write(`${JSON.stringify(scenario, null, 2)}\n`);
        return;
      }
      if (opts.samples !== undefined) {
        for (const sample of sampleWorld(scenario, opts.samples, opts.seed, opts.base ? 'base' : 'fine-tuned')) {
          if (!process.stdout.write(`${JSON.stringify(sample)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
        }
        return;
      }
      const sim = await startSimulateServer({
        scenario, seed: opts.seed, clock: systemClock, speed: opts.speed, port: opts.port, host: opts.host,
        modelName: opts.model, baseModelName: opts.baseModel, baseOnly: opts.base ?? false,
        latency: { firstTokenMs: opts.latencyMs, perTokenMs: opts.perTokenMs },
      });
      const models = opts.base ? [opts.baseModel] : [opts.model, opts.baseModel];
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ url: `${sim.url}/v1`, models, seed: opts.seed, speed: opts.speed, scenario })}\n`);
      } else {
        const faults = scenario.phases.map((p) => `${p.id} at ${(p.startMs / 60_000).toFixed(1)} min`).join(', ') || 'none';
        process.stderr.write([
          `Simulated models at ${sim.url}/v1: ${models.join(', ')}`,
          `  scenario '${scenario.name}' (${(scenario.durationMs / 60_000).toFixed(0)} scenario minutes at ${opts.speed}x), seed ${opts.seed}`,
          `  faults    ${opts.base ? 'none (base model)' : faults}`,
          `  state     ${sim.url}/simulate/state`,
          '',
        ].join('\n'));
      }
      let lastPhase = '';
      const ticker = setInterval(() => {
        const state = sim.state();
        const label = state.ended ? 'ended' : state.phase;
        if (label === lastPhase || opts.base) return;
        lastPhase = label;
        if (opts.json) process.stdout.write(`${JSON.stringify({ elapsedMs: state.elapsedMs, phase: label })}\n`);
        else process.stderr.write(`[scenario ${(state.elapsedMs / 60_000).toFixed(1)} min] phase: ${label}\n`);
      }, 250);
      const shutdown = () => {
        clearInterval(ticker);
        sim.close().then(() => process.exit(0), () => process.exit(1));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
