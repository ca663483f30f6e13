import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';

/** Fetches `path` and re-fetches every `refreshMs` (live views) or when `path` changes. */
export function useApi<T>(path: string | null, refreshMs = 0): { data: T | undefined; error: string | undefined; reload: () => void } {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return undefined;
    let live = true;
    const load = () => api<T>(path).then((d) => { if (live) { setData(d); setError(undefined); } }, (e: Error) => { if (live) setError(e.message); });
    void load();
    const timer = refreshMs > 0 ? setInterval(load, refreshMs) : undefined;
    return () => { live = false; if (timer) clearInterval(timer); };
  }, [path, refreshMs, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

/** The hash route: '#/d/NAME' -> ['d', 'NAME']. */
export function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
