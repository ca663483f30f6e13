import { useState } from 'preact/hooks';
import { time } from '../api.js';
import { useApi } from '../hooks.js';

interface Version { id: string; deployment: string; version?: number; reason: string; note?: string | null; createdMs: number; active?: boolean }

/** Baseline versions with their reasons, and the diff of two. */
export function Baselines() {
  const { data, error } = useApi<{ baselines: Version[] }>('/api/v1/baselines');
  const [a, setA] = useState(''); const [b, setB] = useState('');
  const diff = useApi<unknown>(a && b ? `/api/v1/baselines/${encodeURIComponent(a)}/diff/${encodeURIComponent(b)}` : null);
  const list = data?.baselines ?? [];
  return (
    <section aria-labelledby="bl-title">
      <h1 id="bl-title">Baselines</h1>
      {error ? <p role="alert" class="error">Could not load baselines: {error}</p> : null}
      <table class="grid"><thead><tr><th scope="col">Deployment</th><th scope="col">Version</th><th scope="col">Why it exists</th><th scope="col">Created</th><th scope="col">Active</th></tr></thead>
        <tbody>{list.map((v) => <tr key={v.id}><td>{v.deployment}</td><td>{v.version ?? v.id}</td><td>{v.reason}{v.note ? ` — ${v.note}` : ''}</td><td>{time(v.createdMs)}</td><td>{v.active ? 'yes' : ''}</td></tr>)}</tbody></table>
      <h2>Diff</h2>
      <label>From <select value={a} onChange={(e) => setA((e.target as HTMLSelectElement).value)}><option value="">—</option>{list.map((v) => <option key={v.id} value={v.id}>{v.deployment} {v.version ?? v.id}</option>)}</select></label>
      <label>To <select value={b} onChange={(e) => setB((e.target as HTMLSelectElement).value)}><option value="">—</option>{list.map((v) => <option key={v.id} value={v.id}>{v.deployment} {v.version ?? v.id}</option>)}</select></label>
      {diff.error ? <p role="alert" class="error">{diff.error}</p> : diff.data ? <pre class="evidence">{JSON.stringify(diff.data, null, 2)}</pre> : null}
    </section>
  );
}
