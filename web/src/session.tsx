import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** Who uses the dashboard: open access (no auth), or a logged-in key's role. */
export interface Session { open: boolean; role: string | null }

export const SessionContext = createContext<Session>({ open: true, role: null });

const RANK: Record<string, number> = { viewer: 1, reviewer: 2, admin: 3 };

/**
 * Whether the current user may take an action that needs `need` (the server checks again; this
 * only keeps buttons that would answer 403 from looking usable). Returns the reason when not.
 */
export function useCan(need: 'reviewer' | 'admin'): { ok: boolean; why: string | undefined } {
  const s = useContext(SessionContext);
  const ok = s.open || (RANK[s.role ?? ''] ?? 0) >= RANK[need]!;
  return { ok, why: ok ? undefined : `needs the ${need} role (you are ${s.role ?? 'not logged in'})` };
}
