/** Comparing two distributions: import from here. */
export { ks2Samp, type KsAlternative, type KsMethod, type KsOptions, type KsResult } from './ks.js';
export { kolmogorovSmirnovSf, smirnovSf } from './kolmogorov.js';
export { klDivergence, jsDivergence, jsDistance, populationStabilityIndex, normalize, smoothCounts, type Smoothing, type DivergenceOptions } from './divergence.js';
export { chi2Contingency, type Chi2ContingencyResult } from './chi2-contingency.js';
export { wassersteinDistance, energyDistance } from './cdf-distance.js';
export { binEdges, doaneEdges, equalWidthEdges, histogramCounts, quantileEdges, sturgesEdges, type BinningRule } from './binning.js';
export { bonferroni, benjaminiHochberg } from './multiple-testing.js';
export { alignCategories } from './categories.js';
export { categoricalDrift, histogramStats, numericDrift, type CategoricalDriftReport, type NumericDriftReport } from './drift-report.js';
export { cramerVonMises2Samp, type CramerVonMisesResult } from './cramer-von-mises.js';
