import { z } from 'zod';
import { EVENT_SOURCES, NAME_RE, type ChatMessageIn, type EventIn, type EventLimits, type EventSchema } from './event.js';

/** The result of parsing one wire event: zod's shape, so callers keep their error formatting. */
export type EventParseResult = { success: true; data: EventIn } | { success: false; error: z.ZodError };
export type EventParser = (raw: unknown) => EventParseResult;

/**
 * Parses wire events with the rules of `createEventSchema`, fast. On the bench's events zod
 * costs about 20 µs of CPU per event and this check about 3 µs (`npm run bench -- --only
 * ingest`, the validation rows); zod was a quarter of the ingest API's server time. It answers
 * only when it is sure an event is valid, and then returns exactly what zod would (same keys,
 * same order, defaults filled). Anything else (an invalid event, or an unusual one such as an
 * `undefined` value or a `__proto__` key) goes to zod, which stays the authority and writes the
 * error message. test/event-fast.test.ts checks with fast-check that whenever the fast path
 * accepts, zod accepts with the same output, and that it accepts the valid events it generates.
 */
export function createEventParser(schema: EventSchema, limits: EventLimits): EventParser {
  const fast = createFastEventCheck(limits);
  return (raw) => {
    const data = fast(raw);
    return data === undefined ? schema.safeParse(raw) : { success: true, data };
  };
}

// The same pattern zod's z.iso.datetime({ offset: true }) uses.
const DATETIME_RE = z.regexes.datetime({ offset: true, local: false, precision: null });
const SOURCES: ReadonlySet<unknown> = new Set(EVENT_SOURCES);
const KEYS: ReadonlySet<string> = new Set(['id', 'timestamp', 'deployment', 'model', 'source', 'user', 'session', 'input', 'output', 'latency_ms', 'usage', 'metadata']);

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
/**
 * Length as zod 4.6 measures string min/max: in code points (a surrogate pair counts once). The
 * UTF-16 length decides alone when it is clearly inside or outside the bounds.
 */
function withinLength(s: string, min: number, max: number): boolean {
  const units = s.length;
  if (units >= min && units <= max) {
    if (units >= min * 2 || min === 0) return true;
  } else if (units < min) {
    return false;
  }
  let points = units;
  for (let i = 0; i < units - 1; i++) {
    const hi = s.charCodeAt(i);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) { points--; i++; }
    }
  }
  return points >= min && points <= max;
}
const text = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && withinLength(v, min, max) && v.isWellFormed();
const count = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 1e9;

/** Returns the parsed event when it is certainly valid, else undefined (ask zod). */
export function createFastEventCheck(limits: EventLimits): (raw: unknown) => EventIn | undefined {
  const maxText = limits.maxTextChars;

  const messages = (v: unknown[]): ChatMessageIn[] | undefined => {
    if (v.length < 1 || v.length > limits.maxMessages) return undefined;
    const out: ChatMessageIn[] = new Array(v.length);
    let chars = 0;
    for (let i = 0; i < v.length; i++) {
      const m = v[i];
      if (!isPlain(m)) return undefined;
      let keys = 0;
      for (const k in m) { if (k !== 'role' && k !== 'content') return undefined; keys++; }
      const { role, content } = m;
      if (keys !== 2 || typeof role !== 'string' || !withinLength(role, 1, 64) || !text(content, 0, maxText)) return undefined;
      chars += content.length;
      out[i] = { role, content };
    }
    return chars <= maxText ? out : undefined;
  };

  const metadata = (v: unknown): Record<string, string | number | boolean> | undefined => {
    if (!isPlain(v)) return undefined;
    let keys = 0;
    for (const k in v) {
      if (++keys > limits.maxMetadataKeys || k === '__proto__' || !text(k, 1, limits.maxMetadataKeyChars)) return undefined;
      const x = v[k];
      if (typeof x === 'string' ? !text(x, 0, limits.maxMetadataValueChars) : typeof x === 'number' ? !Number.isFinite(x) : typeof x !== 'boolean') return undefined;
    }
    return v as Record<string, string | number | boolean>;
  };

  return (raw) => {
    if (!isPlain(raw)) return undefined;
    for (const k in raw) if (!KEYS.has(k) || raw[k] === undefined) return undefined;
    const e = raw as Partial<Record<keyof EventIn, unknown>>;
    // Built in the schema's key order, with only the keys zod would output.
    const out: Plain = {};
    if ('id' in e) { if (!text(e.id, 1, limits.maxIdChars)) return undefined; out.id = e.id; }
    if ('timestamp' in e) { if (typeof e.timestamp !== 'string' || !DATETIME_RE.test(e.timestamp)) return undefined; out.timestamp = e.timestamp; }
    const d = e.deployment;
    if (typeof d !== 'string' || d.length > 128 || !NAME_RE.test(d)) return undefined; // ASCII only, so units = code points
    out.deployment = d;
    if ('model' in e) { if (!text(e.model, 1, 256)) return undefined; out.model = e.model; }
    if ('source' in e) { if (!SOURCES.has(e.source)) return undefined; out.source = e.source; } else out.source = 'production';
    if ('user' in e) { if (!text(e.user, 1, 512)) return undefined; out.user = e.user; }
    if ('session' in e) { if (!text(e.session, 1, 256)) return undefined; out.session = e.session; }
    if ('input' in e) {
      const input = typeof e.input === 'string' ? (text(e.input, 0, maxText) ? e.input : undefined) : Array.isArray(e.input) ? messages(e.input) : undefined;
      if (input === undefined) return undefined;
      out.input = input;
    }
    if ('output' in e) { if (!text(e.output, 0, maxText)) return undefined; out.output = e.output; } else out.output = '';
    if ('latency_ms' in e) {
      const l = e.latency_ms;
      if (typeof l !== 'number' || !(l >= 0 && l <= 86_400_000)) return undefined;
      out.latency_ms = l;
    }
    if ('usage' in e) {
      const u = e.usage;
      if (!isPlain(u)) return undefined;
      const usage: Plain = {};
      for (const k in u) if (k !== 'input_tokens' && k !== 'output_tokens') return undefined;
      if ('input_tokens' in u) { if (!count(u.input_tokens)) return undefined; usage.input_tokens = u.input_tokens; }
      if ('output_tokens' in u) { if (!count(u.output_tokens)) return undefined; usage.output_tokens = u.output_tokens; }
      out.usage = usage;
    }
    if ('metadata' in e) {
      const m = metadata(e.metadata);
      if (m === undefined) return undefined;
      out.metadata = m;
    }
    return out as EventIn;
  };
}
