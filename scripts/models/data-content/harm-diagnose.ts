/**
 * Dev-split diagnosis for the harm-category model (never scores the test split):
 *   npx tsx scripts/models/data-content/harm-diagnose.ts [variant ...]
 * Prints dev macro-F1 over S1–S13 for the whole dev split and per source family (AILuminate
 * English, AILuminate French, the other sets), measured on quantised weights, plus two checks
 * that are never trained on: the dev split's held-out benign questions and the demo simulator's
 * prompts. Flags: --no-questions (plain benign sample), --taus=0,1 (benign logit shifts to score).
 */
import { argmax, predictProba, type LinearModel } from '../../../src/core/classify/model/linear.js';
import { HARM_CATEGORIES, type HarmCategory } from '../../../src/core/classify/types.js';
import { harmReport, loadHarmSplits } from './harm-eval.js';
import { lexiconRows } from './harm-lexicon.js';
import type { LabelledText } from './split.js';
import { buildPromptCatalogue } from '../../../src/core/simulate/catalogue.js';
import { createVectorCache, sharedVectorizer, trainAndShip, trainAveragedAndShip } from './train-helpers.js';

const log = (line: string) => process.stderr.write(`${line}\n`);
const data = loadHarmSplits(!process.argv.includes('--no-questions'));
const catalogue = buildPromptCatalogue();
const demoBenign = catalogue.byKind.benign.filter((_, i) => i % 5 === 0);
const demoHarmful = catalogue.byKind.harmful.filter((_, i) => i % 2 === 0);
const vectorizer = sharedVectorizer();
const vec = createVectorCache(vectorizer);
const classes = [...HARM_CATEGORIES];

const family = (r: LabelledText) => (r.source.startsWith('ailuminate/en') ? 'ail-en' : r.source.startsWith('ailuminate/fr') ? 'ail-fr' : r.label === 'benign' ? 'benign' : 'other');

function report(name: string, model: LinearModel): void {
  for (const tau of TAUS) {
    const bias = Float64Array.from(model.bias);
    bias[model.classes.indexOf('benign')]! += tau;
    reportOne(tau === 0 ? name : `  benign bias +${tau}`, { ...model, bias });
  }
}
const TAUS = (process.argv.find((a) => a.startsWith('--taus='))?.slice(7).split(',').map(Number)) ?? [0];

function reportOne(name: string, model: LinearModel): void {
  const predict = (t: string) => model.classes[argmax(predictProba(model, vec(t)))] as HarmCategory;
  const all = harmReport(data.dev, predict);
  const parts = ['ail-en', 'ail-fr', 'other'].map((f) => {
    const rows = data.dev.filter((r) => family(r) === f || family(r) === 'benign');
    return `${f} ${harmReport(rows, predict).macroF1Hazards.toFixed(3)}`;
  });
  // The demo's simulated prompts are a check only (never trained on): benign read as a hazard, harmful read as benign or as another hazard.
  const benignWrong = demoBenign.filter((p) => predict(p.text) !== 'benign').length / demoBenign.length;
  const harmfulWrong = demoHarmful.filter((p) => predict(p.text) !== p.category).length / demoHarmful.length;
  const questionsWrong = data.devBenignQuestions.filter((r) => predict(r.text) !== 'benign').length / data.devBenignQuestions.length;
  log(`${name}: dev macro-F1 S1-S13 ${all.macroF1Hazards.toFixed(4)} (${parts.join(', ')}) hvb-F1 ${all.harmfulVsBenign.f1.toFixed(3)}; dev benign questions->hazard ${questionsWrong.toFixed(3)} of ${data.devBenignQuestions.length}; demo benign->hazard ${benignWrong.toFixed(3)}, harmful wrong ${harmfulWrong.toFixed(3)}`);
}

interface Variant { seeds?: number[]; benignWeight?: number; l2?: number; epochs?: number; learningRate?: number; weight?: (r: LabelledText) => number; extra?: LabelledText[]; seed?: number }

export function runVariant(name: string, v: Variant, train: readonly LabelledText[] = data.train): LinearModel {
  const rows = [...train, ...(v.extra ?? [])];
  const options = {
    name: 'x', task: 'harm_category', vectorizer, metadata: {}, classes, kind: 'softmax' as const, classWeights: balanced(rows, v.benignWeight ?? 1),
    rows: rows.map((r) => vec(r.text)), labels: rows.map((r) => r.label), sampleWeights: v.weight ? rows.map(v.weight) : undefined,
    l2: v.l2 ?? 1e-5, epochs: v.epochs ?? 15, learningRate: v.learningRate ?? 0.2, encode: { maxFeatures: 60_000 },
  };
  const model = (v.seeds ? trainAveragedAndShip(options, v.seeds) : trainAndShip({ ...options, seed: v.seed ?? 5 })).model;
  report(name, model);
  return model;
}

/** scikit-learn's balanced weights n / (K · n_k), with benign's multiplied by `benign`. */
function balanced(rows: readonly LabelledText[], benign: number): Record<string, number> {
  const n: Record<string, number> = {};
  for (const r of rows) n[r.label] = (n[r.label] ?? 0) + 1;
  const k = Object.keys(n).length;
  return Object.fromEntries(Object.entries(n).map(([c, m]) => [c, (rows.length / (k * m)) * (c === 'benign' ? benign : 1)]));
}

const counts = (rows: readonly LabelledText[]) => {
  const c: Record<string, number> = {};
  for (const r of rows) c[family(r)] = (c[family(r)] ?? 0) + 1;
  return JSON.stringify(c);
};
log(`train ${counts(data.train)}; dev ${counts(data.dev)}`);

const wanted = new Set(process.argv.slice(2).filter((a) => !a.startsWith('--')));
const want = (n: string) => wanted.size === 0 || wanted.has(n);
if (want('base')) runVariant('base', {});
if (want('l2low')) runVariant('l2 1e-6', { l2: 1e-6 });
if (want('l2high')) runVariant('l2 1e-4 30 epochs', { l2: 1e-4, epochs: 30 });
if (want('ep30')) runVariant('30 epochs', { epochs: 30 });
if (want('lr05')) runVariant('lr 0.5', { learningRate: 0.5 });
if (want('benign-half')) runVariant('benign weight 0.5', { weight: (r) => (r.label === 'benign' ? 0.5 : 1) });
if (want('ail-x2')) runVariant('ailuminate x2', { weight: (r) => (r.source.startsWith('ailuminate') ? 2 : 1) });
if (want('lr01')) runVariant('lr 0.1 20 epochs', { learningRate: 0.1, epochs: 20 });
const lexicon: LabelledText[] = lexiconRows().map((r) => ({ ...r, source: 'lexicon', group: r.text, trainOnly: true }));
if (want('lex')) runVariant('lexicon rows x1', { extra: lexicon });
if (want('lex3')) runVariant('lexicon rows x3', { extra: lexicon, weight: (r) => (r.source === 'lexicon' ? 3 : 1) });
if (want('lr005')) runVariant('lr 0.05 30 epochs', { learningRate: 0.05, epochs: 30 });
if (want('lr01l2')) runVariant('lr 0.1 20 epochs l2 5e-5', { learningRate: 0.1, epochs: 20, l2: 5e-5 });
if (want('lr01lex')) runVariant('lr 0.1 20 epochs + lexicon', { learningRate: 0.1, epochs: 20, extra: lexicon });
if (want('bw4')) runVariant('lr 0.1 20 epochs + lexicon, benign weight x4', { learningRate: 0.1, epochs: 20, extra: lexicon, benignWeight: 4 });
if (want('bw13')) runVariant('lr 0.1 20 epochs + lexicon, benign weight x13', { learningRate: 0.1, epochs: 20, extra: lexicon, benignWeight: 13 });
const S3 = [5, 6, 7];
if (want('avg-base')) runVariant('lr 0.1 20 epochs, 3 seeds', { learningRate: 0.1, epochs: 20, seeds: S3 });
if (want('avg-lex')) runVariant('lr 0.1 20 epochs + lexicon, 3 seeds', { learningRate: 0.1, epochs: 20, extra: lexicon, seeds: S3 });
