/**
 * `npm run eval:classifiers [-- --json] [--out docs/classifiers.md] [--models DIR]`
 *
 * Scores every shipped classifier on evaluation data from ../shared/data (or $ARGUS_DATA_DIR)
 * that its model never trained on, and writes the tables to docs/classifiers.md:
 * - refusal and policy violation: gptfuzz `evaluate` (human labels, other questions than train)
 *   and the dev rows of their build scripts (split by source prompt);
 * - jailbreak: the dev rows of its build script (split by template / behaviour / prompt family);
 * - toxicity: TweetEval offensive and hate test, the Wikipedia Talk test set, the hash-held-out
 *   split of the other sources, and the identity-bias checks;
 * - harm category: the held-out dev and test splits of the category-labelled prompt sets;
 * - PII (when src/core/classify/pii exists): token-level any-PII on presidio-synth generated_large.
 * Precision, recall and F1 use each model's decision (threshold 0.5 or arg-max).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadSuiteModels } from '../src/adapters/models/builtin.js';
import { binaryReport, confusionMatrix, perClassMetrics, macroF1, type BinaryReport, type ConfusionMatrix } from '../src/core/classify/metrics.js';
import type { LoadedModel } from '../src/core/classify/model/format.js';
import { createHarmCategoryScorer } from '../src/core/classify/harm-category/harm-category.js';
import { createJailbreakScorer } from '../src/core/classify/jailbreak/jailbreak.js';
import { createPolicyScorer } from '../src/core/classify/policy/policy.js';
import { createRefusalScorer, REFUSAL_CLASSES } from '../src/core/classify/refusal/refusal.js';
import { normalizeText } from '../src/core/classify/text/normalize.js';
import { createVectorizer } from '../src/core/classify/text/vectorize.js';
import { createToxicityScorer } from '../src/core/classify/toxicity/toxicity.js';
import { harmReport, loadHarmSplits, type HarmReport } from './models/data-content/harm-eval.js';
import { biasReport, loadToxicitySplits, reportOn } from './models/data-content/toxicity-eval.js';
import { loadGptfuzzResponses } from './models/data/gptfuzz.js';
import { refusalRows } from './models/build-refusal.js';
import { policyRows } from './models/build-policy.js';
import { jailbreakRows } from './models/build-jailbreak.js';
import { isDevGroup } from './models/data/split.js';
import { evalPii } from './models/data-content/eval-pii-section.js';
import { measureDemo } from './models/eval-demo-prompts.js';

const arg = (name: string) => { const i = process.argv.indexOf(name); return i >= 0 ? process.argv[i + 1] : undefined; };
const log = (line: string) => process.stderr.write(`${line}\n`);
const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

interface Section { title: string; lines: string[]; json: Record<string, unknown> }

const BIN_HEADER = '| set | n | positives | precision | recall | F1 | AUROC | AUPRC | confusion [[TN, FP], [FN, TP]] |\n|---|---|---|---|---|---|---|---|---|';
function binRow(name: string, r: BinaryReport): string {
  const positives = (r.matrix.counts[1]?.[0] ?? 0) + (r.matrix.counts[1]?.[1] ?? 0);
  const n = r.matrix.counts.flat().reduce((a, b) => a + b, 0);
  return `| ${name} | ${n} | ${positives} | ${f3(r.precision)} | ${f3(r.recall)} | ${f3(r.f1)} | ${f3(r.auroc)} | ${f3(r.auprc)} | ${JSON.stringify(r.matrix.counts)} |`;
}
const binJson = (r: BinaryReport) => ({ precision: r.precision, recall: r.recall, f1: r.f1, auroc: r.auroc, auprc: r.auprc, confusion: r.matrix.counts });

function matrixTable(m: ConfusionMatrix): string {
  const used = m.labels.map((_, i) => i).filter((i) => (m.counts[i] ?? []).some((c) => c > 0) || m.counts.some((r) => (r[i] ?? 0) > 0));
  return [`| actual \\ predicted | ${used.map((i) => m.labels[i]).join(' | ')} |`, `|---|${used.map(() => '---').join('|')}|`,
    ...used.map((i) => `| ${m.labels[i]} | ${used.map((j) => m.counts[i]?.[j] ?? 0).join(' | ')} |`)].join('\n');
}

const vectorize = (m: LoadedModel) => { const v = createVectorizer(m.vectorizer); return (t: string) => v.vectorize(t); };
const seedOf = (m: LoadedModel) => Number(m.metadata.seed ?? 1);

function refusalSection(m: LoadedModel): Section {
  const score = createRefusalScorer(m);
  const vec = vectorize(m);
  const ev = loadGptfuzzResponses('evaluate');
  const notComply = (t: string) => 1 - score(vec(t), t).scores.comply;
  const evalR = binaryReport(ev.map((r) => notComply(r.response)), ev.map((r) => !r.jailbroken));
  const dev = refusalRows(seedOf(m)).filter((r) => r.dev);
  const devBin = binaryReport(dev.map((r) => notComply(r.text)), dev.map((r) => r.label !== 'comply'));
  const cm = confusionMatrix(dev.map((r) => r.label), dev.map((r) => score(vec(r.text), r.text).label), REFUSAL_CLASSES);
  return {
    title: 'Refusal (output: comply / partial / refuse)',
    lines: ['Positive = refuse or partial; score = 1 − P(comply).', '', BIN_HEADER, binRow('gptfuzz evaluate (human labels, held out)', evalR), binRow('dev rows of build-refusal (by source prompt)', devBin),
      '', `Three-class confusion on the dev rows (macro-F1 ${f3(macroF1(cm))}):`, '', matrixTable(cm)],
    json: { gptfuzzEvaluate: binJson(evalR), dev: binJson(devBin), devMacroF1: macroF1(cm), devConfusion: cm },
  };
}

function policySection(m: LoadedModel): Section {
  const score = createPolicyScorer(m);
  const vec = vectorize(m);
  const s = (t: string) => score(vec(t), t).score;
  const ev = loadGptfuzzResponses('evaluate');
  const evalR = binaryReport(ev.map((r) => s(r.response)), ev.map((r) => r.jailbroken));
  const dev = policyRows(seedOf(m)).filter((r) => r.dev);
  const devR = binaryReport(dev.map((r) => s(r.text)), dev.map((r) => r.violation));
  return {
    title: 'Policy violation (output gives harmful help)',
    lines: [BIN_HEADER, binRow('gptfuzz evaluate (human labels, held out)', evalR), binRow('dev rows of build-policy (by source prompt)', devR)],
    json: { gptfuzzEvaluate: binJson(evalR), dev: binJson(devR) },
  };
}

function jailbreakSection(m: LoadedModel): Section {
  const score = createJailbreakScorer(m);
  const vec = vectorize(m);
  const dev = jailbreakRows(seedOf(m)).filter((r) => isDevGroup(r.group, 0.2));
  const r = binaryReport(dev.map((x) => score(vec(x.text), x.text, normalizeText(x.text)).score), dev.map((x) => x.label === 'jailbreak'));
  return { title: 'Jailbreak (input)', lines: [BIN_HEADER, binRow('dev rows of build-jailbreak (by template / behaviour / family)', r)], json: { dev: binJson(r) } };
}

function toxicitySection(models: ReturnType<typeof loadSuiteModels>): Section {
  const main = models.toxicity!;
  const scorer = createToxicityScorer({ toxicity: main, subtypes: models.toxicitySubtypes ?? {} });
  const vec = vectorize(main);
  const cache = new Map<string, number>();
  const score = (t: string) => { let s = cache.get(t); if (s === undefined) { s = scorer.scoreVector(vec(t)).score; cache.set(t, s); } return s; };
  const d = loadToxicitySplits();
  const sets: [string, Parameters<typeof reportOn>[0]][] = [
    ['TweetEval offensive test', d.tweetOffensiveTest], ['Wikipedia Talk test (jigsaw-bias-eval)', d.wikiTest],
    ['TweetEval hate test', d.tweetHateTest], ['hash-held-out test (davidson, toxigen, lexicon, RTP, clean instructions)', d.test],
    ['dev: TweetEval offensive val', d.dev.filter((r) => r.source === 'tweeteval/offensive/val')], ['dev: all', d.dev],
  ];
  const reports = sets.map(([name, rows]) => [name, reportOn(rows, score)] as const);
  const b = biasReport(d, score);
  return {
    title: 'Toxicity (output)',
    lines: [BIN_HEADER, ...reports.map(([n, r]) => binRow(n, r)), '',
      `Identity bias: swapped-identity twins (${b.swapPairs} pairs) mean |Δscore| ${f3(b.swapMeanAbsGap)}, mean signed Δ ${f3(b.swapMeanSignedGap)}, max |Δ| ${f3(b.swapMaxAbsGap)}, AUROC on the swapped set ${f3(b.swappedAuroc)}.`,
      `Templated identity sentences: AUROC ${f3(b.madlibsAuroc)}, lowest per-identity AUROC ${f3(b.minSubgroupAuroc)}, spread of the mean non-toxic score across identities ${f3(b.cleanScoreGap)} (highest ${b.perIdentity.slice(0, 3).map((p) => `${p.identity} ${f3(p.meanCleanScore)}`).join(', ')}; lowest ${b.perIdentity.slice(-3).map((p) => `${p.identity} ${f3(p.meanCleanScore)}`).join(', ')}).`],
    json: { ...Object.fromEntries(reports.map(([n, r]) => [n, binJson(r)])), bias: b },
  };
}

function harmSection(m: LoadedModel): Section {
  const scorer = createHarmCategoryScorer(m);
  const vec = vectorize(m);
  const d = loadHarmSplits();
  const top = (t: string) => scorer.scoreVector(vec(t)).top;
  const dev = harmReport(d.dev, top);
  const test = harmReport(d.test, top);
  const summary = (name: string, r: HarmReport) => `| ${name} | ${r.n} | ${f3(r.macroF1Hazards)} | ${f3(r.macroF1All)} | ${f3(r.harmfulVsBenign.precision)} | ${f3(r.harmfulVsBenign.recall)} | ${f3(r.harmfulVsBenign.f1)} |`;
  const per = Object.entries(perClassMetrics(test.matrix)).filter(([, x]) => x.support > 0)
    .map(([k, x]) => `| ${k} | ${x.support} | ${f3(x.precision)} | ${f3(x.recall)} | ${f3(x.f1)} |`);
  return {
    title: 'Harm category (request: S1–S14 or benign)',
    lines: ['| split | n | macro-F1 S1–S13 | macro-F1 all classes | harmful-vs-benign P | R | F1 |', '|---|---|---|---|---|---|---|',
      summary('dev (held out)', dev), summary('test (held out)', test), '', 'Per class, test split:', '', '| class | support | precision | recall | F1 |', '|---|---|---|---|---|', ...per,
      '', 'Confusion matrix, test split:', '', matrixTable(test.matrix)],
    json: { dev: { macroF1Hazards: dev.macroF1Hazards, macroF1All: dev.macroF1All }, test: { macroF1Hazards: test.macroF1Hazards, macroF1All: test.macroF1All, confusion: test.matrix } },
  };
}

/** The demo simulator's own prompts and refusals (truth known; never trained on). */
function demoSection(modelsDir: string | undefined): Section {
  const r = measureDemo(modelsDir);
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return {
    title: 'Demo simulator traffic (a check, not a benchmark)',
    lines: ['How the shipped models read the prompts and answers of `argus demo` (src/core/simulate, Argus-authored templates;',
      'no model trains on them). Reproduce: `npx tsx scripts/models/eval-demo-prompts.ts`.', '',
      '| reading | count | rate |', '|---|---|---|',
      `| benign prompts read as a hazard | ${r.benignPrompts.readAsHarmful}/${r.benignPrompts.n} | ${pct(r.benignPrompts.rate)} |`,
      `| harmful prompts read as benign | ${r.harmfulPrompts.readAsBenign}/${r.harmfulPrompts.n} | ${pct(r.harmfulPrompts.benignRate)} |`,
      `| harmful prompts read as another hazard | ${r.harmfulPrompts.wrongCategory}/${r.harmfulPrompts.n} | ${pct(r.harmfulPrompts.wrongCategoryRate)} |`,
      ...Object.entries(r.refusalStyles).map(([s, v]) => `| refusals, style ${s}, not read as refuse | ${v.notRefuse}/${v.n} | ${pct(v.rate)} |`),
      `| helpful answers to benign prompts not read as comply | ${r.helpfulAnswers.notComply}/${r.helpfulAnswers.n} | ${pct(r.helpfulAnswers.rate)} |`],
    json: { ...r },
  };
}

/**
 * The accuracy experiments are measured by scripts under scripts/models/experiments/ (minutes of
 * training each), not by this evaluation; their write-up lives beside them and is copied in here
 * so regenerating this file keeps it.
 */
function experimentsSection(): Section {
  const text = readFileSync('scripts/models/experiments/RESULTS.md', 'utf8').replace(/^# .*\n+/, '');
  return { title: 'Accuracy experiments (harm category, toxicity)', lines: text.trimEnd().split('\n'), json: { source: 'scripts/models/experiments/RESULTS.md' } };
}

function timed(name: string, fn: () => Section | undefined): Section | undefined {
  const t0 = performance.now();
  try {
    const s = fn();
    log(`${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return s;
  } catch (err) {
    log(`${name}: skipped (${err instanceof Error ? err.message : String(err)})`);
    return { title: name, lines: [`Not evaluated: ${err instanceof Error ? err.message : String(err)}`], json: { error: String(err) } };
  }
}

function main(): void {
  const out = arg('--out') ?? 'docs/classifiers.md';
  const models = loadSuiteModels(arg('--models'));
  const missing = (name: string) => ({ title: name, lines: ['Model not present under models/.'], json: { missing: true } });
  const sections = [
    timed('refusal', () => (models.refusal ? refusalSection(models.refusal) : missing('Refusal'))),
    timed('toxicity', () => (models.toxicity ? toxicitySection(models) : missing('Toxicity'))),
    timed('harm category', () => (models.harmCategory ? harmSection(models.harmCategory) : missing('Harm category'))),
    timed('policy violation', () => (models.policy ? policySection(models.policy) : missing('Policy violation'))),
    timed('jailbreak', () => (models.jailbreak ? jailbreakSection(models.jailbreak) : missing('Jailbreak'))),
    timed('pii', () => evalPii()),
    timed('demo traffic', () => demoSection(arg('--models'))),
    timed('accuracy experiments', () => experimentsSection()),
  ].filter((s): s is Section => s !== undefined);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(Object.fromEntries(sections.map((s) => [s.title, s.json])), null, 1)}\n`);
  }
  const doc = ['# Classifier evaluation', '',
    'Written by `npm run eval:classifiers` (scripts/eval-classifiers.ts) from the shipped weights in `models/` and the',
    'public data in `../shared/data`. Every set below is held out from the model it scores: official test splits, or',
    'dev splits made by hashing the source prompt after de-duplication across data sets. Thresholds: 0.5 (binary) or',
    'arg-max (multi-class). AUROC / AUPRC follow scikit-learn (`roc_auc_score`, `average_precision_score`).', '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', ...s.lines, '']),
    'Re-run: `npm run eval:classifiers`. Model cards with training details: `models/*/MODEL_CARD.md`.', ''].join('\n');
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, doc);
  if (!process.argv.includes('--json')) process.stdout.write(doc);
  log(`wrote ${out}`);
}

main();
