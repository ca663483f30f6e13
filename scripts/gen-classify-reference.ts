import { writeFileSync } from 'node:fs';
import { detectPii } from '../src/core/classify/pii/detect.js';
import { refusalFeatures } from '../src/core/classify/refusal/features.js';
import { hedgingScore } from '../src/core/classify/hedging/hedging.js';
import { jailbreakFeatures } from '../src/core/classify/jailbreak/jailbreak.js';
import { createTriggerWatchList } from '../src/core/classify/jailbreak/triggers.js';
import { normalizeText } from '../src/core/classify/text/normalize.js';
import { equivalenceTexts, REFERENCE_TRIGGERS } from '../test/helpers/reference-classify/texts.js';

/**
 * Records what the model-independent classifier parts (PII, refusal structure features, jailbreak
 * length features, hedging, trigger watch list) return on test/helpers/reference-classify/texts.ts,
 * so a faster rewrite can be checked against the behaviour it replaces
 * (test/classify-fast-paths.test.ts). Run it only to accept a deliberate change of behaviour:
 *   npx tsx scripts/gen-classify-reference.ts
 */
const triggers = createTriggerWatchList(REFERENCE_TRIGGERS);
const rows = equivalenceTexts().map((text) => {
  const norm = normalizeText(text);
  return {
    pii: detectPii(text, { minScore: 0.5 }).map((e) => [e.type, e.start, e.end, e.score]),
    piiAll: detectPii(text).length,
    refusal: Array.from(refusalFeatures(text)),
    jailbreak: Array.from(jailbreakFeatures(text)),
    hedging: hedgingScore(norm),
    triggers: triggers.match(text, norm),
  };
});
writeFileSync('test/fixtures/classify/reference-outputs.json', `${JSON.stringify({ generatedBy: 'scripts/gen-classify-reference.ts', rows })}\n`);
process.stdout.write(`${rows.length} texts\n`);
