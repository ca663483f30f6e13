/**
 * Re-measures the shipped refusal and policy models on the held-out gptfuzz `evaluate` split, from
 * the model files in models/ (what users get), through the same suite `argus classify` uses.
 *   npx tsx scripts/models/eval-shipped.ts [--models DIR]
 */
import { createClassifierSuite } from '../../src/core/classify/suite.js';
import { loadSuiteModels } from '../../src/adapters/models/builtin.js';
import { binaryMetrics } from '../../src/core/classify/model/metrics.js';
import { buildArgs, METRICS_HEADER, metricsLine } from './common.js';
import { loadGptfuzzResponses } from './data/gptfuzz.js';

const { modelsDir } = buildArgs();
const suite = createClassifierSuite({ models: loadSuiteModels(modelsDir), pii: false });
const rows = loadGptfuzzResponses('evaluate');
const t0 = performance.now();
const scores = rows.map((r) => suite.classify({ input: r.question, output: r.response }));
const ms = performance.now() - t0;
const refusing = rows.map((r) => !r.jailbroken);
const lines = [
  metricsLine('refusal: refuse or partial vs comply (1 − P(comply))', binaryMetrics(scores.map((s) => 1 - s.refusal.scores.comply), refusing)),
  metricsLine('refusal: label != comply', binaryMetrics(scores.map((s) => (s.refusal.label === 'comply' ? 0 : 1)), refusing)),
  metricsLine('policy violation (jailbroken)', binaryMetrics(scores.map((s) => s.policy_violation.score), rows.map((r) => r.jailbroken))),
];
process.stdout.write(`gptfuzz evaluate, ${rows.length} responses (wall ${ms.toFixed(0)} ms for all, whole suite without PII)\n\n${METRICS_HEADER}\n${lines.join('\n')}\n`);
