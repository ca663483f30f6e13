/**
 * The toxicity evaluation shared by the build script (numbers in the model card) and
 * scripts/eval-classifiers.ts: the splits, AUROC / AUPRC per evaluation set, and the identity
 * bias checks on jigsaw-bias-eval.
 */
import { binaryReport, type BinaryReport } from '../../../src/core/classify/metrics.js';
import { loadCleanAssistantText, loadDavidson, loadMadlibs, loadProfanityLexicon, loadRtpPrompts, loadToxigen, loadTweetEval, loadWikiTalk, madlibsIdentities, madlibsIdentity } from './toxicity-data.js';
import { assignSplits, countBy, dedupe, dedupeKey, type LabelledText } from './split.js';

export interface ToxicityData {
  train: LabelledText[];
  dev: LabelledText[];
  /** Hash-split held-out part of the train sources (davidson, toxigen, lexicon, RTP). */
  test: LabelledText[];
  tweetOffensiveTest: LabelledText[];
  tweetHateTest: LabelledText[];
  wikiTest: (LabelledText & { revId: string })[];
  wikiSwapped: (LabelledText & { revId: string })[];
  madlibs: (LabelledText & { template: string })[];
  dedupe: { kept: number; duplicates: number; conflicts: number; droppedAsEvalText: number };
}

/**
 * Loads every toxicity source, removes from the training pool any text that appears (after
 * normalisation) in an evaluation set, de-duplicates across sets, and splits the rest by hash
 * (train 80 / dev 10 / test 10; TweetEval's own validation files are dev).
 */
export function loadToxicitySplits(): ToxicityData {
  const tweetOffensiveTest = loadTweetEval('offensive', 'test');
  const tweetHateTest = loadTweetEval('hate', 'test');
  const wikiTest = loadWikiTalk('nonfuzzed');
  const wikiSwapped = loadWikiTalk('fuzzed');
  const madlibs = loadMadlibs();
  const evalKeys = new Set([...tweetOffensiveTest, ...tweetHateTest, ...wikiTest, ...wikiSwapped, ...madlibs].map((r) => dedupeKey(r.text)));
  const pool = [
    ...loadTweetEval('offensive', 'val'), ...loadTweetEval('hate', 'val'),
    ...loadTweetEval('offensive', 'train'), ...loadTweetEval('hate', 'train'),
    ...loadDavidson(), ...loadToxigen(), ...loadProfanityLexicon(), ...loadRtpPrompts(), ...loadCleanAssistantText(),
  ];
  const kept = pool.filter((r) => !evalKeys.has(dedupeKey(r.text)));
  const { items, report } = dedupe(kept);
  const split = assignSplits(items, 0.1, 0.1);
  return {
    train: split.filter((r) => r.split === 'train'),
    dev: split.filter((r) => r.split === 'dev'),
    test: split.filter((r) => r.split === 'test'),
    tweetOffensiveTest, tweetHateTest, wikiTest, wikiSwapped, madlibs,
    dedupe: { ...report, droppedAsEvalText: pool.length - kept.length },
  };
}

export function reportOn(rows: readonly LabelledText[], score: (text: string) => number, threshold = 0.5): BinaryReport & { n: number } {
  const s = rows.map((r) => score(r.text));
  return { ...binaryReport(s, rows.map((r) => r.label === 'toxic'), threshold), n: rows.length };
}

export interface BiasReport {
  /** Wikipedia Talk pairs whose identity term was swapped (text differs from the original). */
  swapPairs: number;
  /** Mean of |score(swapped) − score(original)| over those pairs. */
  swapMeanAbsGap: number;
  /** Mean of score(swapped) − score(original). */
  swapMeanSignedGap: number;
  swapMaxAbsGap: number;
  /** AUROC on the swapped twin set. */
  swappedAuroc: number;
  /** Templated sentences: AUROC over all of them. */
  madlibsAuroc: number;
  /** Per identity: mean score of its non-toxic ("NOT_BAD") sentences and its subgroup AUROC. */
  perIdentity: { identity: string; n: number; meanCleanScore: number; auroc: number }[];
  /** max − min across identities of the mean non-toxic score. */
  cleanScoreGap: number;
  minSubgroupAuroc: number;
}

export function biasReport(data: Pick<ToxicityData, 'wikiTest' | 'wikiSwapped' | 'madlibs'>, score: (text: string) => number): BiasReport {
  const original = new Map(data.wikiTest.map((r) => [r.revId, r]));
  const gaps: number[] = [];
  for (const twin of data.wikiSwapped) {
    const o = original.get(twin.revId);
    if (!o || o.text === twin.text) continue;
    gaps.push(score(twin.text) - score(o.text));
  }
  const swapped = reportOn(data.wikiSwapped, score);
  const ids = madlibsIdentities(data.madlibs);
  const byId = new Map<string, LabelledText[]>();
  for (const r of data.madlibs) {
    const id = madlibsIdentity(r.text, ids);
    if (!id) continue;
    const list = byId.get(id) ?? [];
    list.push(r);
    byId.set(id, list);
  }
  const scored = new Map(data.madlibs.map((r) => [r.text, score(r.text)]));
  const cached = (t: string) => scored.get(t) ?? score(t);
  const perIdentity = [...byId.entries()].map(([identity, rows]) => {
    const clean = rows.filter((r) => r.label === 'clean');
    const mean = clean.reduce((a, r) => a + cached(r.text), 0) / Math.max(1, clean.length);
    return { identity, n: rows.length, meanCleanScore: mean, auroc: reportOn(rows, cached).auroc };
  }).sort((a, b) => b.meanCleanScore - a.meanCleanScore);
  const means = perIdentity.map((p) => p.meanCleanScore);
  return {
    swapPairs: gaps.length,
    swapMeanAbsGap: gaps.reduce((a, g) => a + Math.abs(g), 0) / Math.max(1, gaps.length),
    swapMeanSignedGap: gaps.reduce((a, g) => a + g, 0) / Math.max(1, gaps.length),
    swapMaxAbsGap: gaps.reduce((a, g) => Math.max(a, Math.abs(g)), 0),
    swappedAuroc: swapped.auroc,
    madlibsAuroc: reportOn(data.madlibs, cached).auroc,
    perIdentity,
    cleanScoreGap: means.length ? Math.max(...means) - Math.min(...means) : Number.NaN,
    minSubgroupAuroc: Math.min(...perIdentity.map((p) => p.auroc)),
  };
}

export { countBy };
