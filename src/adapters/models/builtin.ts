import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ArgusError } from '../../core/errors.js';
import type { SuiteModels } from '../../core/classify/suite.js';
import type { TriggerSpec } from '../../core/classify/jailbreak/triggers.js';
import { TOXICITY_SUBTYPES, toxicitySubtypeModelName, type ToxicitySubtype } from '../../core/classify/toxicity/toxicity.js';
import type { LoadedModel } from '../../core/classify/model/format.js';
import { defaultModelsDir, readModelIfPresent } from './model-files.js';

/** Folder names of the built-in models under models/. */
export const BUILTIN_MODEL_NAMES = {
  refusal: 'refusal',
  policy: 'policy',
  jailbreak: 'jailbreak',
  toxicity: 'toxicity',
  harmCategory: 'harm-category',
} as const;

/** Reads every built-in model present in `modelsDir` (default: the shipped models/). */
export function loadSuiteModels(modelsDir: string = defaultModelsDir()): SuiteModels {
  const subtypes: Partial<Record<ToxicitySubtype, LoadedModel>> = {};
  for (const s of TOXICITY_SUBTYPES) {
    const m = readModelIfPresent(modelsDir, toxicitySubtypeModelName(s));
    if (m) subtypes[s] = m;
  }
  return {
    refusal: readModelIfPresent(modelsDir, BUILTIN_MODEL_NAMES.refusal),
    policy: readModelIfPresent(modelsDir, BUILTIN_MODEL_NAMES.policy),
    jailbreak: readModelIfPresent(modelsDir, BUILTIN_MODEL_NAMES.jailbreak),
    toxicity: readModelIfPresent(modelsDir, BUILTIN_MODEL_NAMES.toxicity),
    toxicitySubtypes: subtypes,
    harmCategory: readModelIfPresent(modelsDir, BUILTIN_MODEL_NAMES.harmCategory),
  };
}

/**
 * Reads a trigger watch list: a JSON or YAML list of `{id, pattern, kind?, normalize?,
 * caseSensitive?}` or of plain strings (each its own id), or `{triggers: [...]}`.
 */
export function readTriggerFile(path: string): TriggerSpec[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `cannot read trigger list ${path}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const list = Array.isArray(doc) ? doc : (doc as { triggers?: unknown } | null)?.triggers;
  if (!Array.isArray(list)) throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: expected a list of triggers (or {triggers: [...]})`);
  return list.map((t, i) => {
    if (typeof t === 'string') return { id: t, pattern: t };
    if (t && typeof t === 'object' && typeof (t as TriggerSpec).pattern === 'string') {
      const spec = t as TriggerSpec;
      return { ...spec, id: spec.id ?? spec.pattern };
    }
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: trigger ${i} must be a string or {id, pattern}, got ${JSON.stringify(t)}`);
  });
}
