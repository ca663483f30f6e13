import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { systemClock } from '../../adapters/system-clock.js';
import { configSchema } from '../../contracts/config.js';
import type { HarmCategory } from '../../core/classify/types.js';
import type { Clock } from '../../core/clock.js';
import { scoreDemo, type DemoAlert, type DemoFault, type DemoScore } from '../../core/demo/score.js';
import { createScenarioTime } from '../../core/simulate/scenario-time.js';
import { DEFAULT_SCENARIO, phaseAt, type Scenario } from '../../core/simulate/scenario.js';
import { startSimulateServer, DEFAULT_MODEL_NAME } from '../../server/simulate/server.js';
import { createArgus, type Argus } from '../argus.js';
import { runTraffic } from '../traffic/generator.js';
import { readLiveStats } from './demo-stats.js';
import { renderLiveLine, renderScoreTable } from './live-view.js';

export const DEMO_DEPLOYMENT = 'bank-assistant';

/** What the demo needs from detection: a baseline, cycles on demand, and the alerts raised. */
export interface DemoDetection {
  buildBaseline(argus: Argus, suiteUrl: string): Promise<void>;
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
}

export interface DemoResult {
  score: DemoScore;
  table: string;
  trafficSent: number;
  wallMs: number;
}

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
  const time = createScenarioTime(systemClock, { speed: o.speed, autoStart: false });
  const epochMs = Math.floor(Date.now() / 60_000) * 60_000;
  const argusClock: Clock = { now: () => epochMs + time.nowMs() };
  const sim = await startSimulateServer({ scenario, seed: o.seed, clock: systemClock, scenarioTime: time, port: 0 });
  const dataDir = o.dataDir ?? mkdtempSync(join(tmpdir(), 'argus-demo-'));
  const config = configSchema.parse({
    server: { port: o.port }, data_dir: dataDir,
    gateway: { deployment: DEMO_DEPLOYMENT, upstream: { url: `${sim.url}/v1` } },
    log: { level: 'warn' },
  });
  const argus = createArgus({ config, clock: argusClock, logger: pino({ level: 'warn' }, pino.destination(2)) });
  const erosion = scenario.phases.find((p) => p.kind === 'erosion');
  const watched = (erosion && 'category' in erosion ? erosion.category : 'S2') as HarmCategory;
  let ticker: NodeJS.Timeout | undefined;
  try {
    const address = await argus.listen();
    o.out.write(`Argus demo: gateway ${address}/v1, API ${address}/api/v1, dashboard ${address}/ (simulated model at ${sim.url})\n`);
    o.out.write(`Building the baseline from the pre-deployment suite...\n`);
    await o.detection.buildBaseline(argus, `${sim.url}/v1`);
    time.start();
    o.out.write(`Serving traffic: ${Math.round(scenario.durationMs / 60_000)} scenario minutes at ${o.speed}x (${(scenario.durationMs / o.speed / 1000).toFixed(0)} s), ${o.ratePerS} requests/s\n`);
    let sent = 0;
    let cycling = Promise.resolve();
    ticker = setInterval(() => {
      cycling = cycling.then(async () => {
        await o.detection.cycle(argus);
        const nowMs = argusClock.now();
        const window = await readLiveStats(argus.store, DEMO_DEPLOYMENT, watched, nowMs - 5 * 60_000, nowMs + 1);
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
    const faults: DemoFault[] = scenario.phases.map((p) => ({ id: p.id, kind: p.kind, category: 'category' in p ? p.category : undefined, startsAtMs: p.startMs }));
    const alerts = (await o.detection.alerts(argus)).map((a) => ({ ...a, firedAtMs: a.firedAtMs - epochMs }));
    const score = scoreDemo(faults, alerts);
    const table = renderScoreTable(score, o.speed);
    return { score, table, trafficSent: summary.sent, wallMs: performance.now() - started };
  } finally {
    if (ticker) clearInterval(ticker);
    await argus.close();
    await sim.close();
  }
}
