import { loadSuiteModels, readTriggerFile } from '../adapters/models/builtin.js';
import type { ArgusConfig } from '../contracts/config.js';
import { createClassifierSuite, type ClassifierSuite } from '../core/classify/suite.js';
import { createSampler, type BoostedRate, type Sampler } from '../core/sampling/sampler.js';

/** The built-in classifier suite as the config asks for it, or undefined when classifiers are off. */
export function buildClassifier(config: ArgusConfig): ClassifierSuite | undefined {
  if (!config.classifiers.enabled) return undefined;
  const models = loadSuiteModels(config.classifiers.models_dir);
  const triggers = config.classifiers.triggers_file ? readTriggerFile(config.classifiers.triggers_file) : undefined;
  return createClassifierSuite({ models, triggers });
}

/** The configured sampler; `boosted` gives the raised rate of deployments under boost_monitoring. */
export function samplerFrom(config: ArgusConfig, boosted?: BoostedRate): Sampler {
  const s = config.pipeline.sampling;
  return createSampler(s.mode === 'full' ? { mode: 'full' } : { mode: 'random', rate: s.rate, seed: s.seed }, boosted);
}
