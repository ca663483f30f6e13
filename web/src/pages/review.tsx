import { useEffect, useState } from 'preact/hooks';
import { api, fix, time } from '../api.js';
import { useApi } from '../hooks.js';
import { useCan } from '../session.js';

type Json = Record<string, unknown>;
interface Item { id: number; deployment: string; eventMs: number; rules: string[]; reasons: string[]; maxScore: number; input?: unknown; output?: unknown; event?: Json; scores?: Json }
const LABELS = [{ key: 'h', label: 'harmful' }, { key: 'f', label: 'false_positive' }, { key: 'b', label: 'benign' }] as const;

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.map((m) => (m as { content?: string }).content ?? '').join('\n') : v === undefined ? '' : JSON.stringify(v));

/** Flagged outputs one at a time, PII redacted by default; keys h / f / b label, j / k move. */
export function Review() {
  const [redact, setRedact] = useState(true);
  const { data, error, reload } = useApi<{ items: Item[] }>(`/api/v1/review?status=pending&limit=50&redact=${redact}`);
  const [i, setI] = useState(0);
  const [msg, setMsg] = useState('');
  const can = useCan('reviewer');
  const items = data?.items ?? [];
  const item = items[Math.min(i, Math.max(0, items.length - 1))];
  const label = async (l: string) => {
    if (!item) return;
    if (!can.ok) { setMsg(`Cannot label: ${can.why}.`); return; }
    try { await api(`/api/v1/review/${item.id}/label`, { method: 'POST', body: { label: l, actor: 'dashboard' } }); setMsg(`Item ${item.id} labelled ${l}.`); reload(); } catch (e) { setMsg(`Could not label: ${(e as Error).message}`); }
  };
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      if ((e.target as HTMLElement).closest('input, textarea, select')) return;
      const l = LABELS.find((x) => x.key === e.key);
      if (l) { e.preventDefault(); void label(l.label); }
      if (e.key === 'j') setI((x) => Math.min(x + 1, items.length - 1));
      if (e.key === 'k') setI((x) => Math.max(x - 1, 0));
    };
    addEventListener('keydown', on);
    return () => removeEventListener('keydown', on);
  });
  return (
    <section aria-labelledby="rv-title">
      <h1 id="rv-title">Review queue <small>{items.length} pending</small></h1>
      <p class="muted">Keys: <kbd>h</kbd> harmful · <kbd>f</kbd> false positive · <kbd>b</kbd> benign · <kbd>j</kbd>/<kbd>k</kbd> next/previous.</p>
      <label><input type="checkbox" checked={redact} onChange={() => setRedact(!redact)} /> Redact PII (reading raw text is audited)</label>
      <p role="status" aria-live="polite" data-testid="review-status">{msg}</p>
      {error ? <p role="alert" class="error">Could not load the queue: {error}</p> : null}
      {item ? (
        <article class="review-item" data-testid="review-item" aria-label={`review item ${item.id}`}>
          <p>{item.deployment} · {time(item.eventMs)} · rules {item.rules.join(', ')} · max score {fix(item.maxScore)}</p>
          <ul>{item.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
          <h2>Input</h2><pre>{text(item.input ?? item.event?.input)}</pre>
          <h2>Output</h2><pre>{text(item.output ?? item.event?.output)}</pre>
          {item.scores ? <details><summary>Scores</summary><pre>{JSON.stringify(item.scores, null, 2)}</pre></details> : null}
          <div role="group" aria-label="Label">{LABELS.map((l) => <button key={l.key} onClick={() => void label(l.label)} aria-keyshortcuts={l.key} disabled={!can.ok} title={can.why}>{l.label} ({l.key})</button>)}</div>
        </article>
      ) : data ? <p>Nothing waits for review.</p> : null}
    </section>
  );
}
