import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ArgusError } from '../../core/errors.js';
import { decodeModel, encodeModel, type EncodeOptions, type LoadedModel } from '../../core/classify/model/format.js';

/** The weights file inside a model folder: models/<name>/model.json beside MODEL_CARD.md. */
export const MODEL_FILE_NAME = 'model.json';

/** models/ shipped with the package (two levels up from src/adapters/models or dist/src/adapters/models). */
export function defaultModelsDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const up of ['../../..', '../../../..']) {
    const candidate = join(here, up, 'models');
    if (existsSync(candidate)) return candidate;
  }
  return join(here, '../../../models');
}

export function readModelFile(path: string): LoadedModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_MODEL', `cannot read model file ${path}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_MODEL', `${path} is not valid JSON`, { cause: err });
  }
  return decodeModel(json, path);
}

/** Writes models/<dir>/model.json (pretty header, compact arrays) and returns the byte size. */
export function writeModelFile(dir: string, loaded: LoadedModel, options: EncodeOptions = {}): number {
  mkdirSync(dir, { recursive: true });
  const text = `${JSON.stringify(encodeModel(loaded, options), null, 1)}\n`;
  writeFileSync(join(dir, MODEL_FILE_NAME), text);
  return Buffer.byteLength(text);
}

/** Loads models/<name>/model.json if it exists, else undefined. */
export function readModelIfPresent(modelsDir: string, name: string): LoadedModel | undefined {
  const path = join(modelsDir, name, MODEL_FILE_NAME);
  return existsSync(path) ? readModelFile(path) : undefined;
}

/** Every model folder under `modelsDir`, keyed by folder name. */
export function readModelDir(modelsDir: string): Record<string, LoadedModel> {
  const out: Record<string, LoadedModel> = {};
  if (!existsSync(modelsDir)) throw new ArgusError('ARGUS_ERR_MODEL', `models folder ${modelsDir} does not exist`);
  for (const entry of readdirSync(modelsDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const model = readModelIfPresent(modelsDir, entry.name);
    if (model) out[entry.name] = model;
  }
  return out;
}
