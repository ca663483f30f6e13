import { fix, pct, time } from '../api.js';
import { Sparkline } from '../chart.js';
import { useApi } from '../hooks.js';

interface Row { deployment: string; state: string; events: number; requestsPerMinute: number; refusalRate: number | null; refusalBaseline: number | null; toxicityP95: number | null; toxicityBaseline: number | null; traffic: number[]; lastMinuteMs: number | null }
interface Alert { deployment: string; severity: string; state: string }
const SEV = ['low', 'medium', 'high', 'critical'];

/** Every deployment at a glance, polled every 10 s without reloading the page. */
export function Overview() {
  const { data, error } = useApi<{ atMs: number; deployments: Row[] }>('/api/v1/overview', 10_000);
  const alerts = useApi<{ alerts: Alert[] }>('/api/v1/alerts?state=firing&limit=1000', 10_000);
  const sev = new Map<string, string>();
  for (const a of alerts.data?.alerts ?? []) {
    const cur = sev.get(a.deployment);
    if (!cur || SEV.indexOf(a.severity) > SEV.indexOf(cur)) sev.set(a.deployment, a.severity);
  }
  if (error) return <p role="alert" class="error">Could not load the overview: {error}</p>;
  if (!data) return <p aria-busy="true">Loading…</p>;
  return (
    <section aria-labelledby="ov-title">
      <h1 id="ov-title">Deployments <small>last hour · updated {time(data.atMs)}</small></h1>
      {data.deployments.length === 0 ? <p>No deployment has sent traffic yet. POST events to /api/v1/events or route a client through the gateway.</p> : null}
      <table class="grid" data-testid="overview-table">
        <thead><tr>
          <th scope="col">Deployment</th><th scope="col">State</th><th scope="col">Alert severity</th>
          <th scope="col">Refusal (baseline)</th><th scope="col">Toxicity p95 (baseline)</th>
          <th scope="col">Anomalous</th><th scope="col">Requests/min</th><th scope="col">Traffic, last hour</th>
        </tr></thead>
        <tbody>
          {data.deployments.map((r) => (
            <tr key={r.deployment} data-testid="overview-row">
              <th scope="row"><a href={`#/d/${encodeURIComponent(r.deployment)}`}>{r.deployment}</a></th>
              <td><span class={`badge state-${r.state}`}>{r.state}</span></td>
              <td>{sev.get(r.deployment) ? <span class={`badge sev-${sev.get(r.deployment)}`}>{sev.get(r.deployment)}</span> : 'none'}</td>
              <td>{pct(r.refusalRate)} <span class="muted">({pct(r.refusalBaseline)})</span></td>
              <td>{fix(r.toxicityP95)} <span class="muted">({fix(r.toxicityBaseline)})</span></td>
              <td class="muted" title="measured by the detection engine per alert">{sev.get(r.deployment) ? 'see alerts' : '—'}</td>
              <td>{r.requestsPerMinute.toFixed(1)}</td>
              <td><Sparkline values={r.traffic} label={`requests per minute of ${r.deployment}, last hour`} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
