/** PII and sensitive-content detection and redaction. See docs/pii.md. */
export { detectPii, type DetectPiiOptions } from './detect.js';
export { redactPii, fnv1a32, type RedactOptions, type RedactionStyle } from './redact.js';
export { createPiiClassifier, type PiiClassifierOptions } from './classifier.js';
export { mergeEntities } from './merge.js';
export {
  luhnValid, ibanValid, ssnValid, ipv4Valid, ipv6Valid, shannonEntropyBits,
} from './validators.js';
export {
  tokenize, addPiiScore, createPiiScoreAccumulator, precisionRecall, type PiiScoreAccumulator,
} from './token-metrics.js';
