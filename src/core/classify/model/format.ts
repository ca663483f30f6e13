import { ArgusError, invalidInput } from '../../errors.js';
import { vectorizerId, type VectorizerConfig } from '../text/vectorize.js';
import { base64ToBytes, bytesToBase64, decodeSortedGaps, encodeSortedGaps } from './base64.js';
import { createLinearModel, modelRows, type LinearModel } from './linear.js';

export const MODEL_FORMAT = 'argus-linear';
export const MODEL_FORMAT_VERSION = 1;

/**
 * The on-disk model: one JSON object. Only features with a non-zero quantised weight are stored.
 * `indices` is base64 of LEB128 gaps between sorted feature indices; `values` is base64 of
 * signed integers (`bits` wide, little-endian), feature-major (all rows of feature 0, then of
 * feature 1, …); weight = value · scales[row]. A 3-class model with 100k kept features at 8 bits
 * is about 0.5 MB.
 */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_FORMAT_VERSION;
  name: string;
  task: string;
  kind: 'binary' | 'softmax';
  classes: string[];
  dim: number;
  vectorizer: VectorizerConfig;
  vectorizerId: string;
  /** Names of dense features appended after the hashed block (index vectorizer.dim + i). */
  extraFeatures: string[];
  bias: number[];
  quantization: { bits: 8 | 16; scales: number[] };
  featureCount: number;
  indices: string;
  values: string;
  /** Free-form: training data, metrics, date, seed, hyper-parameters. */
  metadata: Record<string, unknown>;
}

/** A model ready to score, with what is needed to build its input vector. */
export interface LoadedModel {
  name: string;
  task: string;
  model: LinearModel;
  vectorizer: VectorizerConfig;
  extraFeatures: string[];
  metadata: Record<string, unknown>;
}

export interface EncodeOptions {
  /** Keep at most this many features, the largest by max |weight| over rows. Default 120,000. */
  maxFeatures?: number;
  /** Quantisation width. Default 8. */
  bits?: 8 | 16;
}

export function encodeModel(loaded: LoadedModel, options: EncodeOptions = {}): ModelFile {
  const { model } = loaded;
  const rows = modelRows(model);
  const bits = options.bits ?? 8;
  const maxFeatures = options.maxFeatures ?? 120_000;
  const qmax = bits === 8 ? 127 : 32767;
  const scales: number[] = [];
  for (let r = 0; r < rows; r++) {
    let m = 0;
    for (let j = 0; j < model.dim; j++) m = Math.max(m, Math.abs(model.weights[j * rows + r]!));
    scales.push(m > 0 ? m / qmax : 1);
  }
  // A feature is kept when some row's weight survives rounding: max_r |w_rj / scale_r| >= 0.5.
  const strength = new Float64Array(model.dim);
  for (let j = 0; j < model.dim; j++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s = Math.max(s, Math.abs(model.weights[j * rows + r]! / scales[r]!));
    strength[j] = s >= 0.5 ? s : 0;
  }
  let kept = Array.from({ length: model.dim }, (_, j) => j).filter((j) => strength[j]! > 0);
  if (kept.length > maxFeatures) {
    kept.sort((a, b) => strength[b]! - strength[a]! || a - b);
    kept = kept.slice(0, maxFeatures).sort((a, b) => a - b);
  }
  const bytesPer = bits / 8;
  const values = new Uint8Array(kept.length * rows * bytesPer);
  const view = new DataView(values.buffer);
  kept.forEach((j, k) => {
    for (let r = 0; r < rows; r++) {
      const q = Math.max(-qmax, Math.min(qmax, Math.round(model.weights[j * rows + r]! / scales[r]!)));
      const at = (k * rows + r) * bytesPer;
      if (bits === 8) view.setInt8(at, q);
      else view.setInt16(at, q, true);
    }
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_FORMAT_VERSION,
    name: loaded.name,
    task: loaded.task,
    kind: model.kind,
    classes: [...model.classes],
    dim: model.dim,
    vectorizer: { ...loaded.vectorizer },
    vectorizerId: vectorizerId(loaded.vectorizer),
    extraFeatures: [...loaded.extraFeatures],
    bias: Array.from(model.bias),
    quantization: { bits, scales },
    featureCount: kept.length,
    indices: bytesToBase64(encodeSortedGaps(kept)),
    values: bytesToBase64(values),
    metadata: loaded.metadata,
  };
}

/** Parses and checks a model file (already JSON-parsed). Throws ARGUS_ERR_MODEL naming the problem. */
export function decodeModel(json: unknown, source = 'model'): LoadedModel {
  const bad = (msg: string) => new ArgusError('ARGUS_ERR_MODEL', `${source}: ${msg}`);
  if (typeof json !== 'object' || json === null) throw bad('not a JSON object');
  const f = json as Partial<ModelFile>;
  if (f.format !== MODEL_FORMAT) throw bad(`format is ${JSON.stringify(f.format)}, expected "${MODEL_FORMAT}"`);
  if (f.version !== MODEL_FORMAT_VERSION) throw bad(`version ${String(f.version)} is not supported (expected ${MODEL_FORMAT_VERSION})`);
  if (f.kind !== 'binary' && f.kind !== 'softmax') throw bad(`kind ${JSON.stringify(f.kind)} is unknown`);
  if (!Array.isArray(f.classes) || !f.classes.every((c) => typeof c === 'string')) throw bad('classes must be strings');
  if (!f.vectorizer || typeof f.vectorizer.dim !== 'number') throw bad('vectorizer config missing');
  if (typeof f.dim !== 'number' || typeof f.indices !== 'string' || typeof f.values !== 'string') throw bad('dim, indices or values missing');
  const extraFeatures = Array.isArray(f.extraFeatures) ? f.extraFeatures.map(String) : [];
  if (f.dim !== f.vectorizer.dim + extraFeatures.length) throw bad(`dim ${f.dim} != vectorizer.dim + extras (${f.vectorizer.dim} + ${extraFeatures.length})`);
  let model: LinearModel;
  try {
    model = createLinearModel(f.kind, f.classes, f.dim);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  const rows = modelRows(model);
  const q = f.quantization;
  if (!q || (q.bits !== 8 && q.bits !== 16) || !Array.isArray(q.scales) || q.scales.length !== rows) throw bad('quantization block malformed');
  if (!Array.isArray(f.bias) || f.bias.length !== rows) throw bad(`bias must have ${rows} entries`);
  const indices = decodeSortedGaps(base64ToBytes(f.indices));
  const values = base64ToBytes(f.values);
  const bytesPer = q.bits / 8;
  if (values.length !== indices.length * rows * bytesPer) throw bad(`values hold ${values.length} bytes, expected ${indices.length * rows * bytesPer}`);
  const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
  const w = model.weights;
  for (let k = 0; k < indices.length; k++) {
    const j = indices[k]!;
    if (j >= f.dim) throw bad(`feature index ${j} is outside dim ${f.dim}`);
    for (let r = 0; r < rows; r++) {
      const at = (k * rows + r) * bytesPer;
      const v = q.bits === 8 ? view.getInt8(at) : view.getInt16(at, true);
      w[j * rows + r] = v * q.scales[r]!;
    }
  }
  f.bias.forEach((v, r) => ((model.bias as Float64Array)[r] = Number(v)));
  return {
    name: String(f.name ?? ''),
    task: String(f.task ?? ''),
    model,
    vectorizer: { ...f.vectorizer },
    extraFeatures,
    metadata: typeof f.metadata === 'object' && f.metadata !== null ? f.metadata : {},
  };
}

/** Throws unless every model reads the same hashed vectors (one vectorisation serves all). */
export function assertSharedVectorizer(models: readonly LoadedModel[]): VectorizerConfig | undefined {
  const first = models[0];
  if (!first) return undefined;
  const id = vectorizerId(first.vectorizer);
  for (const m of models) {
    if (vectorizerId(m.vectorizer) !== id) {
      throw invalidInput(`model ${m.name} uses vectorizer ${vectorizerId(m.vectorizer)}, but ${first.name} uses ${id}`);
    }
  }
  return first.vectorizer;
}
