export { normalizeText } from './normalize.js';
export { createVectorizer, tokenize, vectorizerId, DEFAULT_VECTORIZER } from './vectorize.js';
export type { Vectorizer, VectorizerConfig } from './vectorize.js';
export { sparseVector, dotDense, l2Norm, appendFeatures } from './sparse.js';
export type { SparseVector } from './sparse.js';
export { hashString, murmurMix, murmurFinish } from './hash.js';
