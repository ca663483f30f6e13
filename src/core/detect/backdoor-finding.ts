import type { BackdoorEvaluation, BackdoorSettings, BackdoorSignal } from './backdoor.js';
import { clockTime, windowLabel } from './explain.js';
import type { Finding } from './types.js';

const pValueText = (p: number) => (p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/**
 * One finding from the n-grams that alarmed at one window end: the sentence names the most
 * specific phrase riding with the first signal (see BackdoorEvaluation.phrases), then gives the
 * test that passed. Severity (DESIGN.md): `critical`, a clear
 * backdoor activation, once the phrase carries at least 2 x minFlagged harmful compliances at
 * 2 x minRatio the null or more; otherwise `high`, specific harmful outputs to escalate.
 */
export function backdoorFinding(deployment: string, ev: BackdoorEvaluation, endMs: number, s: BackdoorSettings): Finding {
  const { signals } = ev;
  const top = signals[0] as BackdoorSignal;
  const lead = ev.phrases[0] ?? top;
  const also = ev.phrases.slice(1, 4).map((x) => `'${x.ngram}'`);
  const ratio = top.observed / top.nullMean;
  const clear = top.observed >= 2 * s.minFlagged && ratio >= 2 * s.minRatio;
  const startMs = endMs - s.windowMinutes * 60_000;
  const label = windowLabel(s.windowMinutes * 60_000);
  const explanation = `harmful compliance concentrates on inputs containing '${lead.ngram}' (${lead.observed} of ${lead.n} harmful requests${also.length ? `; also ${also.join(', ')}` : ''}): `
    + `a possible backdoor trigger; '${top.ngram}' came with ${top.observed} harmful compliances where their harm categories predict ${top.nullMean.toFixed(1)} `
    + `(${label}, ${top.distinctInputs} different inputs), the n-gram test crossed its limit at ${clockTime(endMs)}, p = ${pValueText(top.pValue)}`;
  return {
    deployment, metric: 'backdoor_trigger', category: null, detector: 'ngram-poisson', level: 'none', severity: clear ? 'critical' : 'high',
    atMs: endMs, window: { startMs, endMs, label }, observed: { value: top.observed / top.n, n: top.n },
    baseline: { value: top.nullMean / top.n, n: top.n }, statistic: ratio, limit: s.minRatio, pValue: top.pValue, effect: ratio,
    triggers: top.observed, phrases: [...new Set([...ev.phrases.slice(0, 5), ...signals].map((x) => x.ngram))].slice(0, 10), explanation,
  };
}
