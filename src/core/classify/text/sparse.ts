import { invalidInput } from '../../errors.js';

/**
 * A sparse feature vector: parallel arrays of distinct feature indices and their values. Indices
 * are not required to be sorted; each appears at most once.
 */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

export function sparseVector(indices: ArrayLike<number>, values: ArrayLike<number>): SparseVector {
  if (indices.length !== values.length) {
    throw invalidInput(`sparseVector: ${indices.length} indices but ${values.length} values`);
  }
  return { indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

/** Dot product of a sparse vector with a dense weight row starting at `offset`. */
export function dotDense(vec: SparseVector, weights: Float32Array | Float64Array, offset = 0): number {
  const { indices, values } = vec;
  let sum = 0;
  for (let i = 0; i < indices.length; i++) sum += values[i]! * weights[offset + indices[i]!]!;
  return sum;
}

/** Euclidean norm. */
export function l2Norm(vec: SparseVector): number {
  let sum = 0;
  for (let i = 0; i < vec.values.length; i++) sum += vec.values[i]! * vec.values[i]!;
  return Math.sqrt(sum);
}

/**
 * Appends dense extra features (e.g. sentence-level refusal cues) after a hashed block of size
 * `offset`, so one model can weigh n-grams and hand-made features together. Zero extras are
 * skipped to keep the vector sparse.
 */
export function appendFeatures(vec: SparseVector, extras: ArrayLike<number>, offset: number): SparseVector {
  let nonZero = 0;
  for (let j = 0; j < extras.length; j++) if (extras[j] !== 0) nonZero++;
  const n = vec.indices.length;
  const indices = new Int32Array(n + nonZero);
  const values = new Float32Array(n + nonZero);
  indices.set(vec.indices);
  values.set(vec.values);
  let k = n;
  for (let j = 0; j < extras.length; j++) {
    const v = extras[j]!;
    if (v === 0) continue;
    indices[k] = offset + j;
    values[k] = v;
    k++;
  }
  return { indices, values };
}
