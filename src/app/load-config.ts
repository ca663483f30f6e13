import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { configSchema, type ArgusConfig } from '../contracts/config.js';
import { formatIssues } from '../contracts/event.js';
import { ArgusError } from '../core/errors.js';

export interface ConfigOverrides {
  port?: number;
  host?: string;
  dataDir?: string;
  upstream?: string;
}

/**
 * Reads, validates and freezes the config. With no file, every default applies. Throws one
 * ArgusError whose `details.problems` lists every problem as `path: message`.
 */
export function loadConfig(file: string | undefined, overrides: ConfigOverrides = {}): ArgusConfig {
  const raw = file === undefined ? {} : readYaml(file);
  const merged = applyOverrides(raw, overrides);
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const problems = formatIssues(parsed.error);
    throw new ArgusError('ARGUS_ERR_CONFIG', `${file ?? 'config'}: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`, { details: { problems } });
  }
  return deepFreeze(parsed.data);
}

function readYaml(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ArgusError('ARGUS_ERR_CONFIG', `cannot read config file ${file}: ${(cause as Error).message}`, { cause });
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => e.message.split('\n')[0] ?? e.message);
    throw new ArgusError('ARGUS_ERR_CONFIG', `${file}: not valid YAML:\n  ${problems.join('\n  ')}`, { details: { problems } });
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ArgusError('ARGUS_ERR_CONFIG', `${file}: the top level must be a mapping of sections (server, storage, gateway, ...)`);
  }
  return value as Record<string, unknown>;
}

function applyOverrides(raw: Record<string, unknown>, o: ConfigOverrides): Record<string, unknown> {
  const out = structuredClone(raw);
  const section = (name: string): Record<string, unknown> => {
    const existing = out[name];
    if (typeof existing === 'object' && existing !== null && !Array.isArray(existing)) return existing as Record<string, unknown>;
    const created: Record<string, unknown> = {};
    out[name] = created;
    return created;
  };
  if (o.port !== undefined) section('server').port = o.port;
  if (o.host !== undefined) section('server').host = o.host;
  if (o.dataDir !== undefined) out.data_dir = o.dataDir;
  if (o.upstream !== undefined) {
    const gateway = section('gateway');
    const upstream = typeof gateway.upstream === 'object' && gateway.upstream !== null ? gateway.upstream as Record<string, unknown> : {};
    gateway.upstream = { ...upstream, url: o.upstream };
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
