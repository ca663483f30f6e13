import { ArgusError, ERROR_CATALOGUE, type ArgusErrorCode } from '../core/errors.js';

/** The environment variable the CLI reads the API key from when it talks to a running Argus. */
export const API_KEY_ENV = 'ARGUS_API_KEY';

/**
 * Calls a running Argus's management API: JSON in and out, `Authorization: Bearer $ARGUS_API_KEY`
 * when that variable is set, and the server's `{ error: { code, message } }` rethrown as an
 * ArgusError so the CLI prints it as one line.
 */
export async function callServer<T>(serverUrl: string, path: string, init: { method?: string; body?: unknown; env?: NodeJS.ProcessEnv } = {}): Promise<T> {
  const key = (init.env ?? process.env)[API_KEY_ENV];
  const url = `${serverUrl.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (cause) {
    throw new ArgusError('ARGUS_ERR_UPSTREAM', `cannot reach Argus at ${url}: ${(cause as Error).message}`, { cause });
  }
  const text = await res.text();
  const json = text ? JSON.parse(text) as unknown : undefined;
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const code = err?.code && err.code in ERROR_CATALOGUE ? err.code as ArgusErrorCode : 'ARGUS_ERR_UPSTREAM';
    const hint = res.status === 401 && !key ? ` (set ${API_KEY_ENV})` : '';
    throw new ArgusError(code, `${url}: ${err?.message ?? `HTTP ${res.status}`}${hint}`);
  }
  return json as T;
}
