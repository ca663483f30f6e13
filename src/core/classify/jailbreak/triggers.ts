import { invalidInput } from '../../errors.js';
import { normalizeText } from '../text/normalize.js';

/**
 * A watch list of known backdoor triggers or attack strings, checked against every input.
 * A trigger is a plain string or a regular expression. Strings match as substrings of the
 * normalised text by default (so "cf", "ｃｆ" and "c f" hidden in spacing or homoglyphs all
 * match the trigger "cf" when it is normalised too); set `normalize: false` to match the raw text,
 * and `caseSensitive: true` to keep case (raw text only).
 */
export interface TriggerSpec {
  /** Reported when the trigger matches. */
  id: string;
  pattern: string;
  kind?: 'string' | 'regex';
  /** Match against normalizeText(input) (default true). */
  normalize?: boolean;
  /** Only with normalize: false. Default false. */
  caseSensitive?: boolean;
}

export interface TriggerWatchList {
  readonly size: number;
  /** Ids of the triggers found in `text`, in watch-list order. `normalized` may be passed to save work. */
  match(text: string, normalized?: string): string[];
}

interface Compiled {
  id: string;
  normalize: boolean;
  test: (s: string) => boolean;
}

export function createTriggerWatchList(specs: readonly TriggerSpec[]): TriggerWatchList {
  const seen = new Set<string>();
  const compiled: Compiled[] = specs.map((spec, i) => {
    if (!spec.id || typeof spec.pattern !== 'string' || spec.pattern.length === 0) {
      throw invalidInput(`trigger ${i}: needs a non-empty id and pattern, got ${JSON.stringify(spec)}`);
    }
    if (seen.has(spec.id)) throw invalidInput(`trigger id ${JSON.stringify(spec.id)} is listed twice`);
    seen.add(spec.id);
    const normalize = spec.normalize ?? true;
    const caseSensitive = !normalize && spec.caseSensitive === true;
    if (spec.kind === 'regex') {
      let re: RegExp;
      try {
        re = new RegExp(spec.pattern, caseSensitive ? 'u' : 'iu');
      } catch (err) {
        throw invalidInput(`trigger ${JSON.stringify(spec.id)}: invalid regex ${JSON.stringify(spec.pattern)} (${err instanceof Error ? err.message : String(err)})`);
      }
      return { id: spec.id, normalize, test: (s) => re.test(s) };
    }
    if (spec.kind !== undefined && spec.kind !== 'string') throw invalidInput(`trigger ${JSON.stringify(spec.id)}: kind must be "string" or "regex", got ${JSON.stringify(spec.kind)}`);
    const needle = normalize ? normalizeText(spec.pattern) : caseSensitive ? spec.pattern : spec.pattern.toLowerCase();
    if (needle.length === 0) throw invalidInput(`trigger ${JSON.stringify(spec.id)}: pattern is empty after normalisation`);
    return { id: spec.id, normalize, test: (s) => s.includes(needle) };
  });
  const anyRawInsensitive = specs.some((s) => s.normalize === false && s.caseSensitive !== true && s.kind !== 'regex');
  return {
    size: compiled.length,
    match(text, normalized) {
      if (compiled.length === 0) return [];
      const norm = normalized ?? normalizeText(text);
      const lowerRaw = anyRawInsensitive ? text.toLowerCase() : text;
      const hits: string[] = [];
      for (let i = 0; i < compiled.length; i++) {
        const c = compiled[i]!;
        const spec = specs[i]!;
        const subject = c.normalize ? norm : spec.kind !== 'regex' && spec.caseSensitive !== true ? lowerRaw : text;
        if (c.test(subject)) hits.push(c.id);
      }
      return hits;
    },
  };
}
