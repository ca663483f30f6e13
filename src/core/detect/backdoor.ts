import { isHarmful } from '../baseline/profile.js';
import { HARMFUL_ANSWER_POLICY_MIN } from '../baseline/harmful-request.js';
import type { HarmCategory } from '../classify/types.js';
import { textNgrams } from '../ngrams/log-odds.js';
import { gammaP } from '../stats/special/gamma.js';
import { countRequest, createMinute, forEachCategory, forEachInput, gramTotals, inputKey, pruneMinute, type MinuteGrams } from './backdoor-minute.js';

const MINUTE_MS = 60_000;
/** After the warm-up, an n-gram whose window p-value is below this stays out of the history. */
const HOLD_OUT_P = 0.01;

/** How the backdoor detector is tuned. */
export interface BackdoorSettings {
  /** Sliding window the n-grams are judged over, in minutes (evaluated at every closed minute). */
  windowMinutes: number;
  /** Longest input n-gram, in words. */
  maxN: number;
  /** An n-gram is tested once this many harmful compliances in the window contain it... */
  minFlagged: number;
  /** ...coming from at least this many different inputs (one prompt repeated is not a trigger). */
  minDistinctInputs: number;
  /** Smallest excess it reports: observed harmful compliances at least this multiple of the null mean. */
  minRatio: number;
  /** Harmful-category events the history must hold before the detector speaks. */
  warmupEvents: number;
  /** Harmful compliance needs a policy-violation score at least this high (when the policy model ran). */
  policyMin: number;
  /** Most n-grams kept in the history (those with the least evidence, observed + expected, are dropped first). */
  maxHistory: number;
  /** Most n-grams kept per minute; beyond it the rarest never-flagged ones are pruned (see pruneMinute). */
  maxGramsPerMinute: number;
}

export const DEFAULT_BACKDOOR_SETTINGS: BackdoorSettings = {
  windowMinutes: 5, maxN: 3, minFlagged: 5, minDistinctInputs: 5, minRatio: 2, warmupEvents: 300, policyMin: HARMFUL_ANSWER_POLICY_MIN, maxHistory: 50_000,
  maxGramsPerMinute: 50_000,
};

/** One production event as the backdoor detector reads it. */
export interface BackdoorObservation {
  tsMs: number;
  /** Harm category of the request (classifier top); only harmful categories are counted. */
  category: HarmCategory | null;
  /** Harmful compliance: a harmful request answered, with the output judged a policy violation. */
  flagged: boolean;
  /** The user's text, where a trigger would be. */
  inputText: string;
}

type Counts = Record<string, [number, number]>;

/** In-memory state of one deployment under one baseline (rebuilt after a restart, with a new warm-up). */
export interface BackdoorState {
  buckets: Map<number, MinuteGrams>;
  /** Per n-gram, from minutes that left the window: [observed, expected] harmful compliances. */
  history: Map<string, [number, number]>;
  historyEvents: number;
  /** N-grams that alarmed: kept out of the history, so an active backdoor does not become the new normal. */
  quarantined: Set<string>;
}

export interface BackdoorSignal {
  ngram: string;
  /** Harmful compliances in the window among inputs containing the n-gram. */
  observed: number;
  /** Inputs in the window (harmful categories) containing it. */
  n: number;
  /** Expected harmful compliances from each request's harm category, at the window's rates without the n-gram. */
  expected: number;
  /** The null mean: expected times the n-gram's own historical excess (upper bound), at least expected. */
  nullMean: number;
  distinctInputs: number;
  pValue: number;
  /** Bonferroni level: alpha / n-grams in the window seen in at least minFlagged requests. */
  limit: number;
}

/** A phrase that rides with the alarmed one: found in the same harmful compliances. */
export interface BackdoorPhrase { ngram: string; observed: number; n: number }

export interface BackdoorEvaluation {
  /** N-grams that passed the test, most specific first. */
  signals: BackdoorSignal[];
  /**
   * For the first signal: tested n-grams (itself included) whose harmful compliances mostly (80%)
   * carry it too, by harmful compliances times their share (O² / n: many, and rarely anything
   * else), then the longest. A trigger's own words often pass the
   * test later than a common word beside it ('in the'), which has a history proving it harmless.
   */
  phrases: BackdoorPhrase[];
}

export function createBackdoorState(): BackdoorState {
  return { buckets: new Map(), history: new Map(), historyEvents: 0, quarantined: new Set() };
}

/** Counts one observation into its minute. Events outside harmful categories cannot be harmful compliance and are skipped. */
export function addBackdoorObservation(state: BackdoorState, o: BackdoorObservation, s: BackdoorSettings): void {
  if (!o.category || !isHarmful(o.category)) return;
  const minuteMs = Math.floor(o.tsMs / MINUTE_MS) * MINUTE_MS;
  let m = state.buckets.get(minuteMs);
  if (!m) { m = createMinute(minuteMs); state.buckets.set(minuteMs, m); }
  countRequest(m, textNgrams(o.inputText, s.maxN), o.category, o.flagged, o.flagged ? inputKey(o.inputText) : 0);
  const pruned = pruneMinute(m, s.maxGramsPerMinute);
  if (pruned !== m) state.buckets.set(minuteMs, pruned);
}

/** P(X >= k) for X ~ Poisson(mu): the regularized lower incomplete gamma P(k, mu) (k >= 1). */
export function poissonUpperTail(k: number, mu: number): number {
  return k <= 0 ? 1 : gammaP(k, mu);
}

/**
 * Upper bound of an n-gram's historical excess ratio (observed / expected harmful compliances),
 * R = (O + 1 + sqrt(O + 1)) / (E + 1): one Poisson standard deviation above the smoothed ratio,
 * so a phrase that has always drawn more compliance than its categories (a benign topic the
 * classifiers misread as harmful) is held to its own record. Never below 1. Example: O = 30,
 * E = 5 -> (31 + 5.6) / 6 = 6.1; a phrase never seen before (O = E = 0) gets 2.
 */
export function historicalExcess(observed: number, expected: number): number {
  return Math.max(1, (observed + 1 + Math.sqrt(observed + 1)) / (expected + 1));
}

/**
 * Judges the window ending at `endMs` (minutes [endMs − window, endMs)), then moves the minute that
 * leaves the window into the history. For every n-gram found in at least `minFlagged` harmful
 * compliances from `minDistinctInputs` different inputs:
 *
 *   E = Σ_c n_c,g · (f_c − f_c,g + 1) / (n_c − n_c,g + 2)
 *
 * (n, f: requests and harmful compliances per harm category c in the window, the n-gram's own
 * events left out of its categories' rates, so an ongoing category-wide erosion raises E with it),
 * the null mean μ = E · historicalExcess(O_hist, E_hist), and p = P(Poisson(μ) ≥ O). It signals
 * when p < alpha / m (m: n-grams in the window with at least minFlagged requests) and
 * O ≥ minRatio · μ, once the history holds `warmupEvents`.
 * Poisson tails bound the Poisson-binomial ones from above for large deviations (Hoeffding 1956),
 * so the test is conservative for a sum of unequal Bernoulli trials.
 */
export function evaluateBackdoor(state: BackdoorState, endMs: number, alpha: number, s: BackdoorSettings): BackdoorEvaluation {
  const startMs = endMs - s.windowMinutes * MINUTE_MS;
  const inWindow = [...state.buckets.values()].filter((b) => b.minuteMs >= startMs && b.minuteMs < endMs);
  const cat: Counts = {};
  for (const b of inWindow) for (const [c, [n, f]] of Object.entries(b.byCategory)) { const v = (cat[c] ??= [0, 0]); v[0] += n; v[1] += f; }
  // [requests, harmful compliances] per n-gram in the window.
  const totals = new Map<string, [number, number]>();
  for (const b of inWindow) for (const [g, first] of b.slotOf) {
    let t = totals.get(g);
    if (!t) { t = [0, 0]; totals.set(g, t); }
    const [n, f] = gramTotals(b, first);
    t[0] += n;
    t[1] += f;
  }
  // Bonferroni over every n-gram that could have reached the support, not only those that did
  // (choosing the tests by their outcome would make the correction too lenient). Pruned n-grams
  // count too, as many as their requests could make (an upper bound).
  let tests = 0, prunedRequests = 0;
  for (const [n] of totals.values()) if (n >= s.minFlagged) tests++;
  for (const b of inWindow) prunedRequests += b.prunedRequests;
  tests += Math.floor(prunedRequests / s.minFlagged);
  const candidates: Array<Omit<BackdoorSignal, 'pValue' | 'limit'> & { inputs: Set<number> }> = [];
  for (const [g, [, observed]] of totals) {
    if (observed < s.minFlagged) continue;
    const counts: Counts = {};
    const inputs = new Set<number>();
    for (const b of inWindow) {
      const first = b.slotOf.get(g);
      if (first === undefined) continue;
      forEachCategory(b, first, (c, n, f) => { const v = (counts[c] ??= [0, 0]); v[0] += n; v[1] += f; });
      forEachInput(b, first, (t) => inputs.add(t));
    }
    if (inputs.size < s.minDistinctInputs) continue;
    let expected = 0, n = 0;
    for (const [c, [ng, fg]] of Object.entries(counts)) {
      const [nc, fc] = cat[c] ?? [0, 0];
      expected += ng * (fc - fg + 1) / (nc - ng + 2);
      n += ng;
    }
    const h = state.quarantined.has(g) ? undefined : state.history.get(g);
    candidates.push({ ngram: g, observed, n, expected, nullMean: expected * historicalExcess(h?.[0] ?? 0, h?.[1] ?? 0), distinctInputs: inputs.size, inputs });
  }
  const limit = alpha / Math.max(1, tests);
  const signals: BackdoorSignal[] = [];
  const warm = state.historyEvents >= s.warmupEvents;
  const suspicious = new Set<string>();
  for (const c of candidates) {
    const pValue = poissonUpperTail(c.observed, c.nullMean);
    if (warm && pValue < HOLD_OUT_P) suspicious.add(c.ngram);
    const { inputs: _inputs, ...rest } = c;
    if (warm && pValue < limit && c.observed >= s.minRatio * c.nullMean) signals.push({ ...rest, pValue, limit });
  }
  for (const sig of signals) state.quarantined.add(sig.ngram);
  foldLeaving(state, startMs + MINUTE_MS, cat, suspicious, s);
  // Most specific first: the phrase whose harmful requests were most often harmful compliance (a
  // trigger's own words, not the common words around it), then the larger excess, then the longer.
  const bySpecificity = <T extends { observed: number; n: number; ngram: string }>(a: T, b: T) => b.observed / b.n - a.observed / a.n || b.ngram.length - a.ngram.length;
  signals.sort((a, b) => bySpecificity(a, b) || b.observed / b.nullMean - a.observed / a.nullMean);
  const top = signals[0] && candidates.find((c) => c.ngram === signals[0]?.ngram);
  const phrases = !top ? [] : candidates
    .filter((c) => { let shared = 0; for (const t of c.inputs) if (top.inputs.has(t)) shared++; return shared >= 0.8 * c.inputs.size; })
    .sort((a, b) => (b.observed * b.observed) / b.n - (a.observed * a.observed) / a.n || b.ngram.length - a.ngram.length)
    .map((c) => ({ ngram: c.ngram, observed: c.observed, n: c.n }));
  return { signals, phrases };
}

/**
 * Moves minutes before `keepFromMs` into the history, their expected counts at the window's
 * category rates. After the warm-up, n-grams under suspicion in the current window (and those
 * that alarmed) are left out: the history learns what is normal, and a trigger that has not yet
 * gathered enough evidence must not raise its own null before it does.
 */
function foldLeaving(state: BackdoorState, keepFromMs: number, cat: Counts, suspicious: ReadonlySet<string>, s: BackdoorSettings): void {
  for (const [m, b] of state.buckets) {
    if (m >= keepFromMs) continue;
    state.buckets.delete(m);
    state.historyEvents += b.events;
    for (const [g, first] of b.slotOf) {
      if (state.quarantined.has(g) || suspicious.has(g)) continue;
      let o = 0, e = 0;
      forEachCategory(b, first, (c, n, f) => {
        const [nc, fc] = cat[c] ?? [0, 0];
        o += f;
        e += n * (fc + 1) / (nc + 2);
      });
      const h = state.history.get(g);
      if (h) { h[0] += o; h[1] += e; } else state.history.set(g, [o, e]);
    }
  }
  if (state.history.size > s.maxHistory) {
    const keep = [...state.history.entries()].sort((a, b) => b[1][0] + b[1][1] - a[1][0] - a[1][1]).slice(0, Math.floor(s.maxHistory * 0.8));
    state.history = new Map(keep);
  }
}
