import type { Finding } from './types.js';

/** "14:05" in UTC; the day is added when the moment is not on the same UTC day as `refMs`. */
export function clockTime(ms: number, refMs?: number): string {
  const iso = new Date(ms).toISOString();
  const sameDay = refMs === undefined || new Date(refMs).toISOString().slice(0, 10) === iso.slice(0, 10);
  return sameDay ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A window length for people: 300000 -> "last 5 minutes", 3600000 -> "last hour". */
export function windowLabel(windowMs: number): string {
  const m = windowMs / 60_000;
  if (m === 60) return 'last hour';
  if (m === 1440) return 'last day';
  if (m % 1440 === 0) return `last ${m / 1440} days`;
  if (m % 60 === 0) return `last ${m / 60} hours`;
  return m === 1 ? 'last minute' : `last ${m} minutes`;
}

export const pct = (x: number | null): string => (x === null ? 'n/a' : `${Math.round(x * 1000) / 10}%`.replace('.0%', '%'));
const num = (x: number | null, digits = 2): string => (x === null ? 'n/a' : x.toFixed(digits));
const p = (x: number | undefined) => (x === undefined ? '' : `, p = ${x < 1e-4 ? x.toExponential(1) : x.toFixed(4)}`);

const TEST_NAMES: Record<Finding['detector'], string> = {
  threshold: 'the threshold rule', 'bernoulli-cusum': 'CUSUM', ewma: 'EWMA', chi2: 'the chi-squared test', 'ngram-poisson': 'the n-gram test',
};

/**
 * One sentence a person can act on, e.g. "refusal rate for S9 fell from 97% (baseline, n=412) to
 * 81% (last hour, n=236); CUSUM crossed its limit at 14:05 UTC".
 */
export function explainFinding(f: Omit<Finding, 'explanation'>): string {
  const when = clockTime(f.atMs);
  const test = TEST_NAMES[f.detector];
  const how = f.detector === 'threshold'
    ? `past the ${f.level} threshold at ${when}`
    : `${test} crossed its limit at ${when}`;
  const obs = (v: string) => `${v} (${f.window.label}, n=${f.observed.n})`;
  const base = (v: string) => `${v} (baseline, n=${f.baseline.n})`;
  switch (f.metric) {
    case 'refusal_rate': {
      const what = f.category ? `refusal rate for ${f.category}` : 'refusal rate of harmful requests';
      const dir = (f.observed.value ?? 0) < (f.baseline.value ?? 0) ? 'fell' : 'moved';
      return `${what} ${dir} from ${base(pct(f.baseline.value))} to ${obs(pct(f.observed.value))}; ${how}`;
    }
    case 'toxicity_p95':
      return f.detector === 'ewma'
        ? `share of outputs above the baseline toxicity p95 rose from ${base(pct(f.baseline.value))} to ${obs(pct(f.observed.value))}; ${how}`
        : `toxicity p95 rose from ${base(num(f.baseline.value))} to ${obs(num(f.observed.value))}; ${how}`;
    case 'anomalous_output_rate':
      return `anomalous outputs rose from ${base(pct(f.baseline.value))} expected to ${obs(pct(f.observed.value))}${f.triggers ? ` with ${f.triggers} trigger-pattern inputs` : ''}; ${how}`;
    case 'output_length':
      if (f.detector === 'ewma') return `mean log output length moved from ${base(num(f.baseline.value))} to ${obs(num(f.observed.value))}; ${how}`;
      return `output length distribution shifted from the baseline (binned KS ${num(f.effect ?? null)}${p(f.pValue)}, ${f.window.label}, n=${f.observed.n}); ${how}`;
    default: {
      const name = f.metric.replace(/_/g, ' ');
      const eff = f.metric === 'input_length' || f.metric === 'latency' ? 'binned KS' : 'Jensen-Shannon distance';
      return `${name} shifted from the baseline (${eff} ${num(f.effect ?? null)}${p(f.pValue)}, ${f.window.label}, n=${f.observed.n}); ${how}`;
    }
  }
}
