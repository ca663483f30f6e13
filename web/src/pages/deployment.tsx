import { useState } from 'preact/hooks';
import { fix, pct } from '../api.js';
import { Chart, type SeriesData } from '../chart.js';
import { useApi } from '../hooks.js';

const RANGES = [
  { id: '1h', label: 'Last hour (per minute)', ms: 3_600_000 },
  { id: '24h', label: '24 hours', ms: 86_400_000 },
  { id: '7d', label: '7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: '30 days', ms: 30 * 86_400_000 },
  { id: '365d', label: '1 year', ms: 365 * 86_400_000 },
];
const METRICS: Array<{ id: string; title: string; percent?: boolean }> = [
  { id: 'refusal_rate', title: 'Refusal rate of harmful requests', percent: true },
  { id: 'toxicity_p95', title: 'Toxicity, 95th percentile' },
  { id: 'traffic', title: 'Requests per minute' },
  { id: 'latency_mean_ms', title: 'Latency, mean (ms)' },
  { id: 'output_chars_mean', title: 'Output length, mean (chars)' },
  { id: 'jailbreak_rate', title: 'Jailbreak-pattern rate', percent: true },
  { id: 'trigger_rate', title: 'Known-trigger rate', percent: true },
  { id: 'pii_rate', title: 'Outputs with PII', percent: true },
];

function MetricChart(p: { deployment: string; metric: string; title: string; percent?: boolean; fromMs: number; toMs: number }) {
  const { data, error } = useApi<SeriesData>(`/api/v1/deployments/${encodeURIComponent(p.deployment)}/series?metric=${p.metric}&from=${p.fromMs}&to=${p.toMs}&points=600`);
  if (error) return <p role="alert" class="error">{p.title}: {error}</p>;
  if (!data) return <p aria-busy="true">Loading {p.title}…</p>;
  return <Chart title={p.title} data={data} percent={p.percent} testId={`chart-${p.metric}`} />;
}

interface Cats { t: number[]; categories: Array<{ category: string; value: Array<number | null>; n: number[]; total: number; baseline: number | null }> }
interface Dist { name: string; bins: string[]; current: number[]; reference: number[]; referenceLabel: string; jsDistance: number | null }

function Bars(p: { d: Dist }) {
  const norm = (xs: number[]) => { const s = xs.reduce((a, b) => a + b, 0) || 1; return xs.map((x) => x / s); };
  const cur = norm(p.d.current); const ref = norm(p.d.reference);
  const max = Math.max(0.0001, ...cur, ...ref);
  return (
    <figure class="dist">
      <figcaption>{p.d.name}: JS distance {fix(p.d.jsDistance, 3)} <span class="muted">(current window vs {p.d.referenceLabel})</span></figcaption>
      <table class="bars" aria-label={`${p.d.name} distribution`}>
        <thead><tr><th scope="col">bin</th><th scope="col">current</th><th scope="col">reference</th></tr></thead>
        <tbody>{p.d.bins.map((b, i) => (cur[i]! > 0 || ref[i]! > 0) ? (
          <tr key={b}><th scope="row">{b}</th>
            <td><span class="bar cur" style={{ width: `${(cur[i]! / max) * 100}%` }} />{pct(cur[i], 1)}</td>
            <td><span class="bar ref" style={{ width: `${(ref[i]! / max) * 100}%` }} />{pct(ref[i], 1)}</td></tr>) : null)}
        </tbody>
      </table>
    </figure>
  );
}

/** One deployment: every monitored metric over a chosen range, per-category small multiples, distributions. */
export function Deployment(p: { name: string }) {
  const [range, setRange] = useState('24h');
  const [now] = useState(() => Math.floor(Date.now() / 60_000) * 60_000 + 60_000);
  const r = RANGES.find((x) => x.id === range)!;
  const fromMs = now - r.ms;
  const enc = encodeURIComponent(p.name);
  const cats = useApi<Cats>(`/api/v1/deployments/${enc}/categories?from=${fromMs}&to=${now}&points=120`);
  const dists = useApi<{ distributions: Dist[] }>(`/api/v1/deployments/${enc}/distributions`);
  return (
    <section aria-labelledby="dep-title">
      <p><a href="#/">← All deployments</a></p>
      <h1 id="dep-title">{p.name}</h1>
      <div role="radiogroup" aria-label="Time range" class="ranges">
        {RANGES.map((x) => (
          <button key={x.id} role="radio" aria-checked={x.id === range} class={x.id === range ? 'on' : ''} onClick={() => setRange(x.id)}>{x.label}</button>
        ))}
      </div>
      <p class="muted">Charts: bucket value (blue), min/max of the minutes inside each bucket, or of the hours or days for ranges read from rollups (light), baseline (green), 3-sigma control limits (dashed), change points (red).</p>
      <div class="charts">
        {METRICS.map((m) => <MetricChart key={`${m.id}-${range}`} deployment={p.name} metric={m.id} title={m.title} percent={m.percent} fromMs={fromMs} toMs={now} />)}
      </div>
      <h2>Refusal rate per harm category</h2>
      {cats.data ? (
        <div class="multiples" data-testid="category-multiples">
          {cats.data.categories.map((c) => (
            <Chart key={`${c.category}-${range}`} title={`${c.category} (n=${c.total})`} percent width={260} height={140}
              data={{ t: cats.data!.t, value: c.value, baseline: c.baseline }} />
          ))}
          {cats.data.categories.length === 0 ? <p>No harmful requests in this range.</p> : null}
        </div>
      ) : <p aria-busy="true">Loading categories…</p>}
      <h2>Distributions: current hour against reference</h2>
      <div class="dists">{dists.data?.distributions.map((d) => <Bars key={d.name} d={d} />) ?? <p aria-busy="true">Loading…</p>}</div>
      <p class="muted">Topic, formatting and length histograms need the baseline's bins; they appear in alerts' evidence from the detection engine.</p>
    </section>
  );
}
