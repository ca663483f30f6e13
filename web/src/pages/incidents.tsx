import { useState } from 'preact/hooks';
import { api, time } from '../api.js';
import { useApi } from '../hooks.js';
import { useCan } from '../session.js';

type Json = Record<string, unknown>;
interface Incident { id: string | number; deployment: string; severity: string; state: string; title: string; openedMs?: number; createdMs?: number; acknowledgedMs?: number | null; timeline?: Json[]; evidence?: Json[] | Json }
const STATES = ['open', 'confirmed', 'scoped', 'mitigated', 'resolved', 'false_positive'];

export function Incidents() {
  const [state, setState] = useState('active');
  const { data, error } = useApi<{ incidents: Incident[] }>(`/api/v1/incidents?state=${state}`, 15_000);
  return (
    <section aria-labelledby="in-title">
      <h1 id="in-title">Incidents</h1>
      <label>State <select value={state} onChange={(e) => setState((e.target as HTMLSelectElement).value)}>{['active', 'all', ...STATES].map((s) => <option key={s}>{s}</option>)}</select></label>
      {error ? <p role="alert" class="error">Could not load incidents: {error}</p> : null}
      <table class="grid"><thead><tr><th scope="col">Severity</th><th scope="col">Title</th><th scope="col">Deployment</th><th scope="col">State</th><th scope="col">Opened</th></tr></thead>
        <tbody>{(data?.incidents ?? []).map((i) => (
          <tr key={i.id}><td><span class={`badge sev-${i.severity}`}>{i.severity}</span></td><td><a href={`#/incidents/${encodeURIComponent(String(i.id))}`}>{i.title}</a></td><td>{i.deployment}</td><td>{i.state}</td><td>{time(i.openedMs ?? i.createdMs)}</td></tr>))}
        </tbody></table>
    </section>
  );
}

/** One incident: timeline, evidence, and the actions (acknowledge, change state, mitigate, restore). */
export function IncidentPage(p: { id: string }) {
  const { data, error, reload } = useApi<{ incident?: Incident } & Incident>(`/api/v1/incidents/${encodeURIComponent(p.id)}`);
  const [msg, setMsg] = useState('');
  const [to, setTo] = useState('confirmed');
  const reviewer = useCan('reviewer');
  const admin = useCan('admin');
  const inc = data?.incident ?? data;
  const act = async (label: string, path: string, body: Json) => {
    try { await api(path, { method: 'POST', body }); setMsg(`${label}: done.`); reload(); } catch (e) { setMsg(`${label} failed: ${(e as Error).message}`); }
  };
  if (error) return <p role="alert" class="error">Could not load incident {p.id}: {error}</p>;
  if (!inc) return <p aria-busy="true">Loading…</p>;
  const base = `/api/v1/incidents/${encodeURIComponent(p.id)}`;
  return (
    <section aria-labelledby="inc-title">
      <p><a href="#/incidents">← Incidents</a></p>
      <h1 id="inc-title">{inc.title} <span class={`badge sev-${inc.severity}`}>{inc.severity}</span></h1>
      <p>{inc.deployment} · state <strong>{inc.state}</strong></p>
      <div class="actions" role="group" aria-label="Incident actions">
        <button onClick={() => void act('Acknowledge', `${base}/ack`, { actor: 'dashboard' })} disabled={!reviewer.ok} title={reviewer.why}>Acknowledge</button>
        <label>Move to <select value={to} onChange={(e) => setTo((e.target as HTMLSelectElement).value)}>{STATES.map((s) => <option key={s}>{s}</option>)}</select></label>
        <button onClick={() => void act(`Move to ${to}`, `${base}/transition`, { to, actor: 'dashboard' })} disabled={!admin.ok} title={admin.why}>Change state</button>
        <button onClick={() => void act('Route to base model', '/api/v1/mitigations', { deployment: inc.deployment, action: 'route_base', reason: `incident ${p.id}`, actor: 'dashboard' })} disabled={!admin.ok} title={admin.why}>Mitigate: route to base model</button>
        <button onClick={() => void act('Restore', '/api/v1/mitigations/restore', { deployment: inc.deployment, actor: 'dashboard' })} disabled={!admin.ok} title={admin.why}>Restore</button>
      </div>
      <p role="status" aria-live="polite">{msg}</p>
      <h2>Timeline</h2>
      <ol class="timeline">{(inc.timeline ?? []).map((e, i) => <li key={i}><time>{time((e.atMs ?? e.tsMs) as number)}</time> {String(e.type ?? e.kind ?? '')} {String(e.note ?? e.message ?? e.to ?? '')} <span class="muted">{String(e.actor ?? '')}</span></li>)}</ol>
      <h2>Evidence and affected outputs</h2>
      <pre class="evidence">{JSON.stringify(inc.evidence ?? {}, null, 2)}</pre>
    </section>
  );
}
