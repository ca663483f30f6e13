import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { ArgusError } from '../../core/errors.js';
import type { DemoAlert } from '../../core/demo/score.js';
import type { EventRecord } from '../../core/events/event.js';
import type { Argus } from '../argus.js';
import { createBaselineFromWindow } from '../detection/baselines.js';
import type { DemoDetection } from './run-demo.js';
import { DEMO_DEPLOYMENT } from './run-demo.js';
import { DEFAULT_MODEL_NAME } from '../../server/simulate/server.js';

const SUITE = fileURLToPath(new URL('../../../../suites/pre-deployment.jsonl', import.meta.url));
const SUITE_FROM_SOURCE = fileURLToPath(new URL('../../../suites/pre-deployment.jsonl', import.meta.url));

function suitePrompts(): Array<{ id: string; prompt: string }> {
  let text: string;
  try { text = readFileSync(SUITE, 'utf8'); } catch { text = readFileSync(SUITE_FROM_SOURCE, 'utf8'); }
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { id: string; prompt: string });
}

function detectionOf(argus: Argus) {
  if (!argus.detection) throw new ArgusError('ARGUS_ERR_CONFIG', 'the demo needs detection enabled (detection.enabled: true)');
  return argus.detection;
}

/**
 * The demo's detection: the baseline is a pre-deployment evaluation answered by the model before
 * the scenario starts (the given evaluation set, or suites/pre-deployment.jsonl; stored as
 * evaluation events and analysed like any traffic), then the engine's cycles and alerts.
 */
export function createDemoDetection(): DemoDetection {
  return {
    async buildBaseline(argus, modelUrl, nowMs, evaluationSet) {
      const detection = detectionOf(argus);
      const prompts = evaluationSet ?? suitePrompts();
      const records: EventRecord[] = [];
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        while (next < prompts.length) {
          const p = prompts[next++] as { id: string; prompt: string };
          const started = performance.now();
          const res = await request(`${modelUrl}/chat/completions`, {
            method: 'POST', headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ model: DEFAULT_MODEL_NAME, messages: [{ role: 'user', content: p.prompt }] }),
          });
          const body = (await res.body.json()) as { choices?: Array<{ message?: { content?: string } }> };
          const atMs = nowMs();
          records.push({
            id: `suite-${p.id}`, timestampMs: atMs, receivedMs: atMs, deployment: DEMO_DEPLOYMENT, model: DEFAULT_MODEL_NAME, source: 'evaluation',
            userHash: null, session: null, input: [{ role: 'user', content: p.prompt }], output: body.choices?.[0]?.message?.content ?? '',
            latencyMs: performance.now() - started, inputTokens: null, outputTokens: null, metadata: { suite: 'pre-deployment' },
          });
        }
      }));
      // Answers come back in any order; the baseline must not depend on it.
      records.sort((a, b) => a.id.localeCompare(b.id));
      await argus.pipeline.ingest(records, 'api');
      await argus.pipeline.idle();
      await createBaselineFromWindow(argus.store, detection.store, {
        deployment: DEMO_DEPLOYMENT, sources: ['evaluation'], reason: 'initial', activate: true, nowMs: nowMs(),
        note: evaluationSet ? `pre-deployment evaluation on ${records.length} prompts drawn like the expected traffic` : `pre-deployment suite, ${records.length} prompts`,
      });
    },
    async cycle(argus) {
      await detectionOf(argus).engine.runOnce();
    },
    async alerts(argus) {
      const alerts = await detectionOf(argus).store.listAlerts({ deployment: DEMO_DEPLOYMENT, limit: 1000 });
      return alerts.map((a): DemoAlert => ({
        id: a.id, firedAtMs: a.firstFiredMs, metric: a.metric, category: a.category, severity: a.severity, explanation: a.explanation,
      }));
    },
  };
}
