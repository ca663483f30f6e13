import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useApi } from '../hooks.js';
import { useCan } from '../session.js';

interface Version { id: string; deployment: string; version?: number; reason: string; note?: string | null; status: string; created_at: string }

/** Baseline versions with their reasons, activation (admin), and the diff of two. */
export function Baselines() {
  const { data, error, reload } = useApi<{ baselines: Version[] }>('/api/v1/baselines');
  const [a, setA] = useState(''); const [b, setB] = useState('');
  const [msg, setMsg] = useState('');
  const admin = useCan('admin');
  const diff = useApi<unknown>(a && b ? `/api/v1/baselines/${encodeURIComponent(b)}/diff?against=${encodeURIComponent(a)}` : null);
  const list = data?.baselines ?? [];
  const activate = async (v: Version) => {
    try { await api(`/api/v1/baselines/${encodeURIComponent(v.id)}/activate`, { method: 'POST' }); setMsg(`Activated ${v.deployment} version ${v.version ?? v.id}.`); reload(); } catch (e) { setMsg(`Could not activate: ${(e as Error).message}`); }
  };
  return (
    <section aria-labelledby="bl-title">
      <h1 id="bl-title">Baselines</h1>
      {error ? <p role="alert" class="error">Could not load baselines: {error}</p> : null}
      <p role="status" aria-live="polite">{msg}</p>
      <table class="grid"><thead><tr><th scope="col">Deployment</th><th scope="col">Version</th><th scope="col">Why it exists</th><th scope="col">Created</th><th scope="col">Status</th><th scope="col">Action</th></tr></thead>
        <tbody>{list.map((v) => <tr key={v.id}><td>{v.deployment}</td><td>{v.version ?? v.id}</td><td>{v.reason}{v.note ? ` — ${v.note}` : ''}</td><td>{new Date(v.created_at).toLocaleString()}</td><td>{v.status}</td>
          <td>{v.status === 'active' ? null : <button onClick={() => void activate(v)} disabled={!admin.ok} title={admin.why}>Activate</button>}</td></tr>)}</tbody></table>
      <h2>Diff</h2>
      <label>From <select value={a} onChange={(e) => setA((e.target as HTMLSelectElement).value)}><option value="">—</option>{list.map((v) => <option key={v.id} value={v.id}>{v.deployment} {v.version ?? v.id}</option>)}</select></label>
      <label>To <select value={b} onChange={(e) => setB((e.target as HTMLSelectElement).value)}><option value="">—</option>{list.map((v) => <option key={v.id} value={v.id}>{v.deployment} {v.version ?? v.id}</option>)}</select></label>
      {diff.error ? <p role="alert" class="error">{diff.error}</p> : diff.data ? <pre class="evidence">{JSON.stringify(diff.data, null, 2)}</pre> : null}
    </section>
  );
}
