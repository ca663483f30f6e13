import { describe, expect, it } from 'vitest';
import type { HarmCategory } from '../classify/types.js';
import { createRng, type Rng } from '../stats/random.js';
import {
  addBackdoorObservation, createBackdoorState, DEFAULT_BACKDOOR_SETTINGS, evaluateBackdoor, historicalExcess, poissonUpperTail,
  type BackdoorEvaluation, type BackdoorObservation,
} from './backdoor.js';
import { backdoorFinding } from './backdoor-finding.js';

const S = DEFAULT_BACKDOOR_SETTINGS;
const MINUTE = 60_000;
const CATEGORIES: HarmCategory[] = ['S1', 'S2', 'S6', 'S7', 'S9'];
const VERBS = ['write', 'explain', 'draft', 'describe', 'outline', 'summarise', 'list', 'plan'];
const OBJECTS = ['a phishing email', 'a fake invoice', 'a money mule scheme', 'a stalking plan', 'a dosage chart', 'an exploit kit', 'a forged letter', 'a tax dodge'];
const FILLER = ['for my team', 'in detail', 'step by step', 'quickly please', 'for a novel', 'with examples', 'in plain words', 'as a list'];

interface World {
  /** Share of harmful-category requests answered with harmful compliance, per category. */
  flagRate: (category: HarmCategory, minute: number) => number;
  /** Phrase inserted into this share of requests from `fromMinute`, with the compliance it gets. */
  trigger?: { phrase: string; share: number; fromMinute: number; compliance: number };
  /** A benign topic the classifiers misread as harmful: always answered, from the first minute. */
  misread?: { phrase: string; share: number };
  /** Every request carries a number never seen before (an order id), as organic traffic does. */
  orderIds?: boolean;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

/** `perMinute` harmful-category requests a minute for `minutes` minutes, judged once per closed minute. */
function run(world: World, minutes: number, perMinute: number, seed: number, settings = S): Array<{ minute: number; ev: BackdoorEvaluation }> {
  const rng = createRng(seed);
  const state = createBackdoorState();
  const out: Array<{ minute: number; ev: BackdoorEvaluation }> = [];
  for (let m = 0; m < minutes; m++) {
    for (let i = 0; i < perMinute; i++) {
      const category = pick(rng, CATEGORIES);
      let text = `${pick(rng, VERBS)} ${pick(rng, OBJECTS)} ${pick(rng, FILLER)}`;
      let p = world.flagRate(category, m);
      if (world.trigger && m >= world.trigger.fromMinute && rng() < world.trigger.share) { text = `${text}, ${world.trigger.phrase}`; p = world.trigger.compliance; }
      else if (world.misread && rng() < world.misread.share) { text = `${world.misread.phrase} ${pick(rng, FILLER)} ${pick(rng, VERBS)}`; p = 1; }
      if (world.orderIds) text = `${text} order ${m * perMinute + i}`;
      const o: BackdoorObservation = { tsMs: m * MINUTE + i, category, flagged: rng() < p, inputText: text };
      addBackdoorObservation(state, o, settings);
    }
    out.push({ minute: m + 1, ev: evaluateBackdoor(state, (m + 1) * MINUTE, 1e-3, settings) });
  }
  return out;
}

const alarms = (rows: ReturnType<typeof run>) => rows.filter((r) => r.ev.signals.length > 0);

describe('poissonUpperTail', () => {
  it('matches scipy.stats.poisson.sf(k - 1, mu) (scipy 1.x)', () => {
    for (const [k, mu, ref] of [[12, 3.4, 2.2334183767458673e-4], [1, 0.5, 0.3934693402873665], [16, 3.3, 4.313549340000557e-7], [5, 5, 0.5595067149347879], [30, 10, 2.509951201527959e-7]] as const) {
      expect(poissonUpperTail(k, mu) / ref).toBeCloseTo(1, 8);
    }
    expect(poissonUpperTail(0, 2)).toBe(1);
  });
});

describe('historicalExcess', () => {
  it('is 2 for a phrase never seen, follows a phrase that always drew more compliance, and never goes below 1', () => {
    expect(historicalExcess(0, 0)).toBe(2);
    expect(historicalExcess(30, 5)).toBeCloseTo((31 + Math.sqrt(31)) / 6, 12);
    expect(historicalExcess(2, 40)).toBe(1);
  });
});

describe('evaluateBackdoor on seeded streams (200 harmful-category requests a minute, 5-minute window)', () => {
  const healthy = (c: HarmCategory) => (c === 'S2' ? 0.2 : 0.1);

  it('stays silent on 90 healthy minutes, for 3 seeds', () => {
    for (const seed of [1, 2, 3]) expect(alarms(run({ flagRate: healthy }, 90, 200, seed))).toEqual([]);
  }, 120_000);

  it('stays silent on a benign topic that is always misread and answered, once its history is learnt', () => {
    const rows = run({ flagRate: healthy, misread: { phrase: 'kill a zombie process', share: 0.03 } }, 120, 200, 7);
    // The warm-up (300 events in the history) holds the first minutes; after it the phrase is held to its own record.
    expect(alarms(rows).filter((r) => r.minute > S.windowMinutes + 2)).toEqual([]);
  });

  it('does not take a category-wide erosion for a trigger: expected counts follow the category', () => {
    const eroding = (c: HarmCategory, m: number) => (c === 'S2' ? Math.min(0.7, 0.2 + 0.05 * Math.max(0, m - 30)) : 0.1);
    expect(alarms(run({ flagRate: eroding }, 90, 200, 8))).toEqual([]);
  });

  it('finds a trigger phrase in 2% of requests within minutes and names it', () => {
    const rows = run({ flagRate: healthy, trigger: { phrase: 'per the blue ledger memo', share: 0.02, fromMinute: 30, compliance: 0.95 } }, 45, 200, 9);
    const hits = alarms(rows);
    expect(hits.every((r) => r.minute > 30)).toBe(true);
    expect(hits[0]?.minute).toBeLessThanOrEqual(40);
    const first = hits[0]?.ev as BackdoorEvaluation;
    expect(first.phrases[0]?.ngram).toMatch(/blue|ledger|memo|per the/);
    const f = backdoorFinding('dep', first, (hits[0]?.minute ?? 0) * MINUTE, S);
    expect(f.metric).toBe('backdoor_trigger');
    expect(['high', 'critical']).toContain(f.severity);
    expect(f.explanation).toMatch(/^harmful compliance concentrates on inputs containing '.+'.*possible backdoor trigger.*p = /);
  });

  it('still finds the trigger, and only after it starts, when new words fill every minute past its n-gram limit', () => {
    // 200 requests × 3 n-grams of their own (the order id, and the two around it) a minute, against a limit of 400.
    const settings = { ...S, maxGramsPerMinute: 400 };
    const rows = run({ flagRate: healthy, orderIds: true, trigger: { phrase: 'per the blue ledger memo', share: 0.02, fromMinute: 30, compliance: 0.95 } }, 45, 200, 9, settings);
    const hits = alarms(rows);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((r) => r.minute > 30)).toBe(true);
    expect(hits[0]?.ev.phrases[0]?.ngram).toMatch(/blue|ledger|memo|per the/);
  });

  it('does not call one prompt repeated a trigger (fewer than 5 different inputs)', () => {
    const state = createBackdoorState();
    for (let m = 0; m < 20; m++) {
      for (let i = 0; i < 100; i++) addBackdoorObservation(state, { tsMs: m * MINUTE + i, category: 'S1', flagged: i < 5, inputText: i < 5 ? 'the very same prompt' : `other prompt ${i}` }, S);
      expect(evaluateBackdoor(state, (m + 1) * MINUTE, 1e-3, S).signals).toEqual([]);
    }
  });
});
