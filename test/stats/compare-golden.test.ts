import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'vitest';
import { chi2Contingency, cramerVonMises2Samp, energyDistance, jsDistance, jsDivergence, klDivergence, ks2Samp, populationStabilityIndex, wassersteinDistance } from '../../src/core/stats/compare/index.js';
import type { KsOptions } from '../../src/core/stats/compare/index.js';
import { expectClose } from './close.js';

/** scipy 1.17.1 reference values shipped with the shared data (read-only, outside the repo). */
const GOLDEN = resolve(process.cwd(), '../shared/data/reference/drift_golden.json');
const present = existsSync(GOLDEN);
if (!present) console.warn(`compare-golden: ${GOLDEN} is absent; the scipy golden comparisons are skipped`);

interface Golden {
  cases: Array<Record<string, unknown> & { kind: string }>;
  doc_anchors: Record<string, number>;
}
const golden: Golden = present ? (JSON.parse(readFileSync(GOLDEN, 'utf8')) as Golden) : { cases: [], doc_anchors: {} };
type Ks = { statistic: number; pvalue: number };

describe.skipIf(!present)('drift_golden.json (scipy 1.17.1)', () => {
  const numeric = golden.cases.filter((c) => c.kind === 'numeric');
  const counts = golden.cases.filter((c) => c.kind === 'counts');

  it.each(numeric.map((c, i) => [i, c] as const))('numeric case %i: KS, Wasserstein, energy, Cramér-von Mises', (i, c) => {
    const a = c.a as number[];
    const b = c.b as number[];
    const variants: Array<[string, KsOptions]> = [
      ['ks_2samp_auto', {}],
      ['ks_2samp_exact', { method: 'exact' }],
      ['ks_2samp_asymp', { method: 'asymp' }],
      ['ks_2samp_auto_less', { alternative: 'less' }],
      ['ks_2samp_auto_greater', { alternative: 'greater' }],
    ];
    for (const [key, options] of variants) {
      const ref = c[key] as Ks | undefined;
      if (!ref) continue;
      const r = ks2Samp(a, b, options);
      expectClose(r.statistic, ref.statistic, `case ${i} ${key} statistic`);
      expectClose(r.pvalue, ref.pvalue, `case ${i} ${key} pvalue`);
    }
    expectClose(wassersteinDistance(a, b), c.wasserstein_distance as number, `case ${i} wasserstein`);
    expectClose(energyDistance(a, b), c.energy_distance as number, `case ${i} energy`);
    const cvm = c.cramervonmises_2samp as Ks | undefined;
    if (cvm) {
      const r = cramerVonMises2Samp(a, b);
      expectClose(r.statistic, cvm.statistic, `case ${i} cramer-von mises statistic`);
      expectClose(r.pvalue, cvm.pvalue, `case ${i} cramer-von mises pvalue`);
    }
  });

  it.each(counts.map((c, i) => [i, c] as const))('counts case %i: JS, KL, PSI, chi-squared', (i, c) => {
    const ref = c.ref_counts as number[];
    const cur = c.cur_counts as number[];
    expectClose(jsDistance(ref, cur), c.jensenshannon_base_e as number, `case ${i} js distance e`);
    expectClose(jsDistance(ref, cur, { base: 2 }), c.jensenshannon_base_2 as number, `case ${i} js distance 2`);
    expectClose(jsDivergence(ref, cur), (c.jensenshannon_base_e as number) ** 2, `case ${i} js divergence`);
    const kl = c['kl_ref_cur_nats(scipy.stats.entropy)'] as number | undefined;
    if (kl === undefined) expectClose(klDivergence(ref, cur), Infinity, `case ${i} kl infinite`);
    else expectClose(klDivergence(ref, cur), kl, `case ${i} kl`);
    const psi = c.psi_nats as number | undefined;
    if (psi === undefined) expectClose(populationStabilityIndex(ref, cur), Infinity, `case ${i} psi infinite`);
    else expectClose(populationStabilityIndex(ref, cur), psi, `case ${i} psi`);
    for (const correction of [true, false]) {
      const want = c[`chi2_contingency_correction_${correction ? 'True' : 'False'}`] as Ks & { dof: number };
      const got = chi2Contingency([ref, cur], { correction });
      expectClose(got.statistic, want.statistic, `case ${i} chi2 statistic (${correction})`);
      expectClose(got.pvalue, want.pvalue, `case ${i} chi2 pvalue (${correction})`);
      expectClose(got.dof, want.dof, `case ${i} chi2 dof`);
    }
  });

  it('doc anchors', () => {
    const d = golden.doc_anchors;
    expectClose(wassersteinDistance([0, 1, 3], [5, 6, 8]), d['wasserstein_distance([0,1,3],[5,6,8])'] as number, 'w1');
    expectClose(wassersteinDistance([0, 1], [0, 1], [3, 1], [2, 2]), d['wasserstein_distance([0,1],[0,1],[3,1],[2,2])'] as number, 'w1 weighted');
    expectClose(jsDistance([1, 0, 0], [0, 1, 0], { base: 2 }), d['jensenshannon([1,0,0],[0,1,0],2)'] as number, 'js base 2');
    expectClose(jsDistance([1, 0], [0.5, 0.5]), d['jensenshannon([1,0],[0.5,0.5])'] as number, 'js');
  });
});
