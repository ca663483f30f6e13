import { Agent, request } from 'undici';
import type { PromptCatalogue } from '../../core/simulate/catalogue.js';
import { createRng, hashSeed } from '../../core/simulate/prng.js';
import type { Scenario } from '../../core/simulate/scenario.js';
import { createPromptPicker } from '../../core/simulate/traffic-mix.js';

export interface SteppedTrafficOptions {
  baseUrl: string;
  model: string;
  deployment: string;
  seed: number;
  scenario: Scenario;
  catalogue: PromptCatalogue;
  requestsPerMinute: number;
  /** Moves scenario time (the simulator and Argus read it) to `scenarioMs` before a request is sent. */
  setScenarioMs(scenarioMs: number): void;
  /** Called after the last request of each scenario minute (e.g. to wait for analysis and run detection). */
  onMinute(minuteEndMs: number): Promise<void>;
  onRecord?: () => void;
}

/**
 * Traffic on a stepped scenario clock: request i is sent alone at scenario time i / rate, after
 * the previous answer has come back, so the order of events, their timestamps and the simulated
 * answers are a function of the seed only (no wall-clock race). Slower than the paced generator;
 * for tests and `argus demo --stepped`.
 */
export async function runSteppedTraffic(o: SteppedTrafficOptions): Promise<{ sent: number; failed: number }> {
  const picker = createPromptPicker({ catalogue: o.catalogue, seed: hashSeed(o.seed, 'prompts'), scenario: o.scenario });
  const rng = createRng(hashSeed(o.seed, 'requests'));
  const dispatcher = new Agent({ connections: 1 });
  const total = Math.floor((o.scenario.durationMs / 60_000) * o.requestsPerMinute);
  const stepMs = 60_000 / o.requestsPerMinute;
  let sent = 0, failed = 0, minute = 0;
  try {
    for (let i = 0; i < total; i++) {
      const scenarioMs = Math.floor(i * stepMs);
      while (scenarioMs >= (minute + 1) * 60_000) { minute++; o.setScenarioMs(minute * 60_000); await o.onMinute(minute * 60_000); }
      o.setScenarioMs(scenarioMs);
      const prompt = picker.pick(scenarioMs);
      const user = `user-${String(rng.int(200)).padStart(4, '0')}`;
      const res = await request(`${o.baseUrl}/chat/completions`, {
        method: 'POST', dispatcher,
        headers: { 'content-type': 'application/json', 'x-argus-deployment': o.deployment, 'x-argus-user': user },
        body: JSON.stringify({ model: o.model, messages: [{ role: 'user', content: prompt.text }] }),
      });
      await res.body.dump();
      sent++;
      if (res.statusCode !== 200) failed++;
      o.onRecord?.();
    }
    o.setScenarioMs(o.scenario.durationMs);
    await o.onMinute(o.scenario.durationMs);
  } finally {
    await dispatcher.close();
  }
  return { sent, failed };
}
