import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ArgusError } from '../../core/errors.js';
import type { DemoAlert } from '../../core/demo/score.js';
import type { Argus } from '../argus.js';
import { createBaselineFromWindow } from '../detection/baselines.js';
import { readSuiteFile, runSuite, type SuiteItemIn } from '../detection/suite-runner.js';
import type { DemoDetection } from './run-demo.js';
import { DEMO_DEPLOYMENT } from './run-demo.js';
import { DEFAULT_MODEL_NAME } from '../../server/simulate/server.js';

const SUITE = fileURLToPath(new URL('../../../../suites/pre-deployment.jsonl', import.meta.url));
const SUITE_FROM_SOURCE = fileURLToPath(new URL('../../../suites/pre-deployment.jsonl', import.meta.url));

/** The shipped suite, from the built tree or the source tree. */
function suitePrompts(): SuiteItemIn[] {
  return existsSync(SUITE) ? readSuiteFile(SUITE) : readSuiteFile(SUITE_FROM_SOURCE);
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
      const records = await runSuite(prompts, { url: modelUrl, model: DEFAULT_MODEL_NAME, concurrency: 16 }, { deployment: DEMO_DEPLOYMENT, suiteName: 'pre-deployment', nowMs });
      // Stored in id order, as the demo always has, so seeded runs keep their baseline.
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
