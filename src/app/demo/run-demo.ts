import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../../adapters/system-clock.js';
import { configSchema } from '../../contracts/config.js';
import type { HarmCategory } from '../../core/classify/types.js';
import type { Clock } from '../../core/clock.js';
import { scoreDemo, type DemoAlert, type DemoFault, type DemoScore } from '../../core/demo/score.js';
import { sampleEvaluationSet } from '../../core/simulate/evaluation-set.js';
import { createScenarioTime } from '../../core/simulate/scenario-time.js';
import { DEFAULT_SCENARIO, phaseAt, type Scenario } from '../../core/simulate/scenario.js';
import { startSimulateServer, DEFAULT_MODEL_NAME } from '../../server/simulate/server.js';
import { createArgus, type Argus } from '../argus.js';
import { runTraffic } from '../traffic/generator.js';
import { readLiveStats, type LiveStats } from './demo-stats.js';
import { runSteppedTraffic } from './stepped-traffic.js';
import { renderLiveLine, renderScoreTable } from './live-view.js';

export const DEMO_DEPLOYMENT = 'bank-assistant';

/** What the demo needs from detection: a baseline, cycles on demand, and the alerts raised. */
export interface DemoDetection {
  /**
   * Answers the pre-deployment evaluation (`evaluationSet`, or the shipped suite when absent) and
   * activates its baseline; `nowMs` is Argus's (scenario) clock.
   */
  buildBaseline(argus: Argus, suiteUrl: string, nowMs: () => number, evaluationSet?: Array<{ id: string; prompt: string }>): Promise<void>;
  /** Runs one detection cycle at the Argus clock's now. */
  cycle(argus: Argus): Promise<void>;
  alerts(argus: Argus): Promise<DemoAlert[]>;
}

export interface DemoOptions {
  seed: number;
  /** Scenario minutes per wall minute. */
  speed: number;
  /** Scenario length; the default scenario's phases scale with it. */
  durationMs?: number;
  ratePerS: number;
  port: number;
  dataDir?: string;
  detection: DemoDetection;
  /** Writes the live view and the score; a terminal redraws one line. */
  out: NodeJS.WritableStream & { isTTY?: boolean };
  /** Seconds of wall time between detection cycles. */
  cycleIntervalMs?: number;
  /**
   * `wall` (default): scenario time runs `speed` times the wall clock and traffic is paced at
   * `ratePerS`. `stepped`: the same number of requests per scenario minute (ratePerS · 60 / speed),
   * sent one at a time on a scenario clock that moves only between requests, with a detection
   * cycle after every scenario minute: the run is a function of the seed (tests use it).
   */
  pacing?: 'wall' | 'stepped';
  /**
   * What the baseline is measured on: `representative` (default), 2,000 prompts drawn like the
   * expected traffic; `suite`, suites/pre-deployment.jsonl (402 prompts, 60% harmful), whose mix
   * differs from production's (see docs/simulate.md: it raises healthy-phase refusal alarms).
   */
  baseline?: 'representative' | 'suite';
}

export interface DemoResult {
  score: DemoScore;
  table: string;
  trafficSent: number;
  wallMs: number;
}

/** The live view's last 5 minutes, from the aggregates (refusal rates as the detectors count them). */
const liveWindow = (argus: Argus, category: HarmCategory, nowMs: number): Promise<LiveStats> =>
  readLiveStats(argus.store, DEMO_DEPLOYMENT, category, nowMs - 5 * 60_000, nowMs + 1);

/** Scales a scenario to a new length, keeping each phase at the same share of it. */
export function scaleScenario(s: Scenario, durationMs: number): Scenario {
  const k = durationMs / s.durationMs;
  return {
    ...s, durationMs,
    phases: s.phases.map((p) => ({ ...p, startMs: p.startMs * k, ...(p.endMs === undefined ? {} : { endMs: p.endMs * k }), ...('rampMs' in p && p.rampMs !== undefined ? { rampMs: p.rampMs * k } : {}) })),
  } as Scenario;
}

/**
 * A faithful small run of a deployment: a simulated fine-tuned model (and its base model)
 * behind the Argus gateway, a baseline from the pre-deployment suite, then traffic through a
 * healthy phase, a gradual refusal erosion in one category and a backdoor. Argus runs on the
 * scenario's clock, so its minute windows are scenario minutes.
 */
export async function runDemo(o: DemoOptions): Promise<DemoResult> {
  const started = performance.now();
  const scenario = o.durationMs === undefined ? DEFAULT_SCENARIO : scaleScenario(DEFAULT_SCENARIO, o.durationMs);
  const stepped = o.pacing === 'stepped';
  let steppedMs = 0;
  const time = stepped ? createScenarioTime({ now: () => steppedMs }, { startMs: 0 }) : createScenarioTime(systemClock, { speed: o.speed, autoStart: false });
  // Day-aligned, so every run puts the 5-minute and hourly windows on the same scenario minutes.
  const epochMs = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  const argusClock: Clock = { now: () => epochMs + time.nowMs() };
  const sim = await startSimulateServer({
    scenario, seed: o.seed, clock: systemClock, scenarioTime: time, port: 0, ...(stepped ? { latency: { firstTokenMs: 0, perTokenMs: 0, jitter: 0 } } : {}),
  });
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'argus-demo-'));
  const config = configSchema.parse({
    server: { port: o.port }, data_dir: dataDir,
    gateway: { deployment: DEMO_DEPLOYMENT, upstream: { url: `${sim.url}/v1` } },
    log: { level: 'warn' },
    // The demo runs detection cycles itself (on the scenario clock); the engine's own wall-clock timer stays out of the way.
    detection: { interval: '24h' },
  });
  const argus = createArgus({ config, clock: argusClock, logger: pino({ level: 'warn' }, pino.destination(2)) });
  const erosion = scenario.phases.find((p) => p.kind === 'erosion');
  const watched = (erosion && 'category' in erosion ? erosion.category : 'S2') as HarmCategory;
  let ticker: NodeJS.Timeout | undefined;
  const finish = async (trafficSent: number): Promise<DemoResult> => {
    const faults: DemoFault[] = scenario.phases.map((p) => ({ id: p.id, kind: p.kind, category: 'category' in p ? p.category : undefined, startsAtMs: p.startMs }));
    const alerts = (await o.detection.alerts(argus)).map((a) => ({ ...a, firedAtMs: a.firedAtMs - epochMs }));
    const score = scoreDemo(faults, alerts);
    return { score, table: renderScoreTable(score, o.speed), trafficSent, wallMs: performance.now() - started };
  };
  try {
    const address = await argus.listen();
    o.out.write(`Argus demo: gateway ${address}/v1, API ${address}/api/v1, dashboard ${address}/ (simulated model at ${sim.url})\n`);
    const evaluationSet = o.baseline === 'suite' ? undefined : sampleEvaluationSet(sim.model.catalogue, o.seed, 2_000);
    o.out.write(`Building the baseline from a pre-deployment evaluation (${evaluationSet ? `${evaluationSet.length} prompts drawn like the expected traffic` : 'suites/pre-deployment.jsonl'})...\n`);
    await o.detection.buildBaseline(argus, `${sim.url}/v1`, argusClock.now, evaluationSet);
    if (stepped) {
      let sent = 0;
      const perMinute = Math.max(1, Math.round((o.ratePerS * 60) / o.speed));
      o.out.write(`Serving traffic on a stepped scenario clock: ${Math.round(scenario.durationMs / 60_000)} scenario minutes, ${perMinute} requests per scenario minute\n`);
      const summary = await runSteppedTraffic({
        baseUrl: `${address}/v1`, model: DEFAULT_MODEL_NAME, deployment: DEMO_DEPLOYMENT, seed: o.seed, scenario, catalogue: sim.model.catalogue,
        requestsPerMinute: perMinute, setScenarioMs: (ms) => { steppedMs = ms; }, onRecord: () => { sent++; },
        onMinute: async (minuteEndMs) => {
          await argus.pipeline.idle();
          await o.detection.cycle(argus);
          const nowMs = argusClock.now();
          const window = await liveWindow(argus, watched, nowMs);
          const line = renderLiveLine({ scenarioMs: minuteEndMs, phase: phaseAt(scenario, minuteEndMs - 1), sent, ratePerS: perMinute / 60, window, category: watched, alerts: await o.detection.alerts(argus) });
          o.out.write(o.out.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
        },
      });
      // Two more scenario minutes with no traffic let the engine close the last minutes (it waits one minute for late events).
      for (const extra of [60_000, 120_000]) { steppedMs = scenario.durationMs + extra; await argus.pipeline.idle(); await o.detection.cycle(argus); }
      if (o.out.isTTY) o.out.write('\n');
      return finish(summary.sent);
    }
    time.start();
    o.out.write(`Serving traffic: ${Math.round(scenario.durationMs / 60_000)} scenario minutes at ${o.speed}x (${(scenario.durationMs / o.speed / 1000).toFixed(0)} s), ${o.ratePerS} requests/s\n`);
    let sent = 0;
    let cycling = Promise.resolve();
    ticker = setInterval(() => {
      cycling = cycling.then(async () => {
        await o.detection.cycle(argus);
        const nowMs = argusClock.now();
        const window = await liveWindow(argus, watched, nowMs);
        const line = renderLiveLine({
          scenarioMs: time.nowMs(), phase: phaseAt(scenario, time.nowMs()), sent, ratePerS: o.ratePerS,
          window, category: watched, alerts: await o.detection.alerts(argus),
        });
        o.out.write(o.out.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
      }).catch((err: unknown) => { o.out.write(`\n(live view: ${(err as Error).message})\n`); });
    }, o.cycleIntervalMs ?? 1_000);
    const summary = await runTraffic({
      baseUrl: `${address}/v1`, model: DEFAULT_MODEL_NAME, deployment: DEMO_DEPLOYMENT, ratePerS: o.ratePerS, concurrency: 32,
      maxRequests: Math.ceil((scenario.durationMs / o.speed / 1000) * o.ratePerS), maxDurationMs: scenario.durationMs / o.speed + 5_000,
      seed: o.seed, scenario, scenarioNowMs: time.nowMs, keepRecords: false,
      onRecord: () => { sent++; },
    });
    sent = summary.sent;
    clearInterval(ticker);
    await cycling;
    await argus.pipeline.idle();
    await o.detection.cycle(argus);
    if (o.out.isTTY) o.out.write('\n');
    return await finish(summary.sent);
  } finally {
    if (ticker) clearInterval(ticker);
    await argus.close();
    await sim.close();
  }
}
