/** Special functions shared by the statistics modules: import from here. */
export { erf, erfc } from './erf.js';
export { normalCdf, normalIsf, normalPdf, normalPpf, normalSf } from './normal.js';
export { gammaP, gammaQ, logGamma } from './gamma.js';
export { logBeta, regularizedBeta } from './beta.js';
export { chi2Cdf, chi2Sf } from './chi2.js';
export { besselK, besselKScaled } from './bessel.js';
