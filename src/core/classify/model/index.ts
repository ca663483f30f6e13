export { createLinearModel, linearScores, predictProba, predictProbaRecord, argmax, sigmoid, softmaxInPlace, modelRows } from './linear.js';
export type { LinearModel } from './linear.js';
export { trainLinear } from './train.js';
export type { TrainLinearOptions, ClassWeights } from './train.js';
export { encodeModel, decodeModel, assertSharedVectorizer, MODEL_FORMAT, MODEL_FORMAT_VERSION } from './format.js';
export type { ModelFile, LoadedModel, EncodeOptions } from './format.js';
export { createPrng, shuffleInPlace } from './prng.js';
export type { Prng } from './prng.js';
