import { invalidInput } from '../../errors.js';
import { normalizeText } from '../text/normalize.js';

/**
 * A watch list of known backdoor triggers or attack strings, checked against every input.
 * A trigger is a plain string or a regular expression. Strings match as substrings of the
 * normalised text by default (so "cf", "ｃｆ" and "c f" hidden in spacing or homoglyphs all
 * match the trigger "cf" when it is normalised too); set `normalize: false` to match the raw text,
 * and `caseSensitive: true` to keep case (raw text only). Normalised string triggers are also
 * tried against the text with runs of two or more spaced-out single characters joined ("c f" →
 * "cf"), since normalizeText joins only runs of three; a trigger of several words is also tried
 * with every space removed from both sides ("s u d o m o d e" matches "sudo mode").
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

const SPACED_PAIRS = /(?<![\p{L}\p{N}])[a-z0-9](?:[ ._\-*][a-z0-9])+(?![\p{L}\p{N}])/gu;

interface Compiled {
  id: string;
  normalize: boolean;
  test: (s: string) => boolean;
  /** Multi-word normalised string triggers, without spaces. */
  squeezed?: string | undefined;
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
    const squeezed = normalize && needle.includes(' ') ? needle.replace(/ /g, '') : undefined;
    return { id: spec.id, normalize, test: (s) => s.includes(needle), squeezed };
  });
  const anyNormString = specs.some((s) => s.normalize !== false && s.kind !== 'regex');
  const anyRawInsensitive = specs.some((s) => s.normalize === false && s.caseSensitive !== true && s.kind !== 'regex');
  return {
    size: compiled.length,
    match(text, normalized) {
      if (compiled.length === 0) return [];
      const norm = normalized ?? normalizeText(text);
      const joined = anyNormString ? norm.replace(SPACED_PAIRS, (run) => run.replace(/[ ._\-*]/g, '')) : norm;
      let spaceless: string | undefined;
      const lowerRaw = anyRawInsensitive ? text.toLowerCase() : text;
      const hits: string[] = [];
      for (let i = 0; i < compiled.length; i++) {
        const c = compiled[i]!;
        const spec = specs[i]!;
        const subject = c.normalize ? norm : spec.kind !== 'regex' && spec.caseSensitive !== true ? lowerRaw : text;
        if (c.test(subject) || (c.normalize && spec.kind !== 'regex' && joined !== norm && c.test(joined))) hits.push(c.id);
        else if (c.squeezed !== undefined && (spaceless ??= norm.replace(/ /g, '')).includes(c.squeezed)) hits.push(c.id);
      }
      return hits;
    },
  };
}
