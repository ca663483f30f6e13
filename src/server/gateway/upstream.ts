import { Agent } from 'undici';

/** Where the gateway sends a deployment's traffic. Mitigation may swap it for the base model. */
export interface UpstreamTarget {
  /** Base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:8000 or https://host/v1. */
  baseUrl: string;
  apiKey?: string | undefined;
  /** When set, the request's `model` field is replaced (revert to the base model). */
  modelOverride?: string | undefined;
}

export interface UpstreamRouter {
  /** The target for a deployment, or undefined when none is configured. */
  route(deployment: string): UpstreamTarget | undefined;
}

export function staticRouter(target: UpstreamTarget | undefined): UpstreamRouter {
  return { route: () => target };
}

/** Joins a base URL and an OpenAI path, tolerating a base that already ends in /v1. */
export function upstreamUrl(baseUrl: string, path: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return base.endsWith('/v1') && path.startsWith('/v1/') ? `${base}${path.slice(3)}` : `${base}${path}`;
}

export type UpstreamSplitter = (baseUrl: string, path: string) => { origin: string; path: string };

/**
 * `upstreamUrl` as the origin and path undici's dispatch wants, remembered per base URL and path
 * (a deployment's target rarely changes; at most 256 entries are kept).
 */
export function createUpstreamSplitter(): UpstreamSplitter {
  const known = new Map<string, { origin: string; path: string }>();
  return (baseUrl, path) => {
    const key = `${baseUrl} ${path}`;
    let hit = known.get(key);
    if (hit === undefined) {
      const url = new URL(upstreamUrl(baseUrl, path));
      hit = { origin: url.origin, path: `${url.pathname}${url.search}` };
      if (known.size >= 256) known.clear();
      known.set(key, hit);
    }
    return hit;
  };
}

export function createUpstreamAgent(o: { maxConnections: number; connectTimeoutMs: number }): Agent {
  return new Agent({ connections: o.maxConnections, connectTimeout: o.connectTimeoutMs, keepAliveTimeout: 30_000, pipelining: 1 });
}
