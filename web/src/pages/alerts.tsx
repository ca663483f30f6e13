import { useState } from 'preact/hooks';
import { api, time } from '../api.js';
import { useApi } from '../hooks.js';
import { useCan } from '../session.js';

interface Alert { id: string; deployment: string; metric: string; category: string | null; state: string; severity: string; explanation: string; firstFiredMs: number; startedMs: number | null; acknowledgedMs: number | null; acknowledgedBy: string | null }

/** Alerts with filters (deployment, state, severity) and acknowledge. */
export function Alerts() {
  const [f, setF] = useState({ deployment: '', state: 'firing', severity: '' });
  const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== '')).toString();
  const { data, error, reload } = useApi<{ alerts: Alert[] }>(`/api/v1/alerts?${qs}`, 15_000);
  const [msg, setMsg] = useState('');
  const can = useCan('reviewer');
  const ack = async (a: Alert) => {
    try { await api(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, { method: 'POST', body: { by: 'dashboard' } }); setMsg(`Acknowledged ${a.metric} on ${a.deployment}.`); reload(); } catch (e) { setMsg(`Could not acknowledge: ${(e as Error).message}`); }
  };
  return (
    <section aria-labelledby="al-title">
      <h1 id="al-title">Alerts</h1>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>Deployment <input value={f.deployment} onInput={(e) => setF({ ...f, deployment: (e.target as HTMLInputElement).value })} /></label>
        <label>State <select value={f.state} onChange={(e) => setF({ ...f, state: (e.target as HTMLSelectElement).value })}><option value="">any</option><option>firing</option><option>resolved</option></select></label>
        <label>Severity <select value={f.severity} onChange={(e) => setF({ ...f, severity: (e.target as HTMLSelectElement).value })}><option value="">any</option><option>low</option><option>medium</option><option>high</option><option>critical</option></select></label>
      </form>
      <p role="status" aria-live="polite">{msg}</p>
      {error ? <p role="alert" class="error">Could not load alerts: {error}</p> : null}
      <table class="grid" data-testid="alerts-table">
        <thead><tr><th scope="col">Severity</th><th scope="col">Deployment</th><th scope="col">Metric</th><th scope="col">What happened</th><th scope="col">Since</th><th scope="col">State</th><th scope="col">Action</th></tr></thead>
        <tbody>{(data?.alerts ?? []).map((a) => (
          <tr key={a.id} data-testid="alert-row">
            <td><span class={`badge sev-${a.severity}`}>{a.severity}</span></td>
            <td><a href={`#/d/${encodeURIComponent(a.deployment)}`}>{a.deployment}</a></td>
            <td>{a.metric}{a.category ? ` (${a.category})` : ''}</td>
            <td>{a.explanation}</td>
            <td>{time(a.startedMs ?? a.firstFiredMs)}</td>
            <td>{a.state}{a.acknowledgedMs ? <span class="muted"> · acknowledged by {a.acknowledgedBy}</span> : null}</td>
            <td>{a.acknowledgedMs ? null : <button onClick={() => void ack(a)} disabled={!can.ok} title={can.why}>Acknowledge</button>}</td>
          </tr>))}
        </tbody>
      </table>
      {data && data.alerts.length === 0 ? <p>No alert matches these filters.</p> : null}
    </section>
  );
}
