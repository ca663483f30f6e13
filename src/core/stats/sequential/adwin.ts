import { invalidInput } from '../../errors.js';
import type { DetectorSignal } from './types.js';

export interface AdwinParams {
  /** Confidence delta of the cut test: the false-cut probability bound. Default 0.002. */
  delta: number;
  /** Buckets kept per size (M in the paper) before the two oldest merge. Default 5. */
  maxBuckets: number;
  /** Cuts are tested every `clock` observations. Default 32. */
  clock: number;
  /** Both halves of a cut must hold at least this many observations. Default 5. */
  minWindowLength: number;
  /** No cut is tested before the window holds this many observations. Default 10. */
  gracePeriod: number;
}

/** Plain JSON form of an ADWIN detector (what `toJSON` returns and `fromJSON` reads). */
export interface AdwinSnapshot {
  kind: 'adwin';
  params: AdwinParams;
  /** Buckets, oldest first: number of observations, their sum and their sum of squared deviations. */
  sizes: number[];
  totals: number[];
  variances: number[];
  width: number;
  total: number;
  /** Sum of squared deviations from the mean over the whole window (Welford's M2). */
  variance: number;
  tick: number;
  count: number;
}

const DEFAULTS: AdwinParams = { delta: 0.002, maxBuckets: 5, clock: 32, minWindowLength: 5, gracePeriod: 10 };

/**
 * ADWIN2: an adaptive sliding window that drops its oldest part whenever the means of an old and a
 * recent sub-window differ by more than chance allows. The window is stored as an exponential
 * histogram: buckets of 1, 2, 4, ... observations, at most `maxBuckets` of each size, so memory and
 * time per update are O(M log W) for a window of W observations.
 *
 * Cut test for a split into an older part W0 (n0 points, mean mu0) and a newer W1 (n1, mu1), as in
 * MOA and river: with sigma^2 the variance of the whole window, W = n0 + n1,
 *   d' = ln(2 ln(W) / delta),   m = 1/(n0 - m_min + 1) + 1/(n1 - m_min + 1),
 *   eps = sqrt(2 m sigma^2 d') + (2/3) m d',
 * and the oldest bucket is dropped while |mu0 - mu1| > eps for some split at a bucket boundary.
 * Merging two buckets (n_a, mu_a, M2_a), (n_b, mu_b, M2_b) gives
 * M2 = M2_a + M2_b + n_a n_b (mu_a - mu_b)^2 / (n_a + n_b) (Chan et al. 1979).
 *
 * Worked example: 1,000 draws of N(0, 0.1^2) then draws of N(1, 0.1^2): the window mean is ~0
 * before the change, the detector signals within the first clock period (32 points) after it, and
 * the window then shrinks to the points after the change (the test file checks this).
 *
 * References: A. Bifet and R. Gavaldà, "Learning from time-changing data with adaptive windowing",
 * SIAM International Conference on Data Mining (2007); MOA `ADWIN.java`; river `drift.ADWIN`.
 */
export class Adwin {
  private readonly params: AdwinParams;
  private sizes: number[] = [];
  private totals: number[] = [];
  private variances: number[] = [];
  private widthN = 0;
  private total = 0;
  private m2 = 0;
  private tick = 0;
  private count = 0;

  constructor(params: Partial<AdwinParams> = {}) {
    const full = { ...DEFAULTS, ...params };
    if (!(full.delta > 0 && full.delta < 1)) throw invalidInput(`delta must lie in (0, 1), got ${full.delta}`);
    for (const key of ['maxBuckets', 'clock', 'minWindowLength', 'gracePeriod'] as const) {
      if (!Number.isInteger(full[key]) || full[key] < 1) throw invalidInput(`${key} must be a positive integer, got ${full[key]}`);
    }
    if (full.maxBuckets < 2) throw invalidInput(`maxBuckets must be >= 2, got ${full.maxBuckets}`);
    this.params = full;
  }

  /** Observations currently in the window. */
  get width(): number { return this.widthN; }
  /** Mean of the window (NaN when empty). */
  get mean(): number { return this.widthN === 0 ? NaN : this.total / this.widthN; }
  /** Population variance of the window (NaN when empty). */
  get variance(): number { return this.widthN === 0 ? NaN : this.m2 / this.widthN; }

  /** Adds one observation; the signal's `statistic` is the window mean after any cut. */
  update(x: number): DetectorSignal {
    if (!Number.isFinite(x)) throw invalidInput(`ADWIN observation must be a finite number, got ${String(x)}`);
    if (this.widthN > 0) {
      const d = x - this.total / this.widthN;
      this.m2 += (this.widthN * d * d) / (this.widthN + 1);
    }
    this.widthN += 1;
    this.total += x;
    this.sizes.push(1);
    this.totals.push(x);
    this.variances.push(0);
    this.compress();
    this.count += 1;
    this.tick += 1;
    const before = this.total / this.widthN;
    const cut = this.tick % this.params.clock === 0 && this.widthN > this.params.gracePeriod && this.detect();
    const statistic = this.total / this.widthN;
    if (!cut) return { alarm: false, statistic };
    return { alarm: true, direction: statistic >= before ? 'up' : 'down', statistic };
  }

  /** Merges the two oldest buckets of any size that holds more than maxBuckets. */
  private compress(): void {
    let end = this.sizes.length;
    let size = 1;
    while (end > 0) {
      let start = end;
      while (start > 0 && this.sizes[start - 1] === size) start--;
      // Only a merge at this size can overflow the next size up, so stop at the first size that fits.
      if (end - start <= this.params.maxBuckets) return;
      const ua = (this.totals[start] as number) / size;
      const ub = (this.totals[start + 1] as number) / size;
      this.sizes[start] = 2 * size;
      this.totals[start] = (this.totals[start] as number) + (this.totals[start + 1] as number);
      this.variances[start] = (this.variances[start] as number) + (this.variances[start + 1] as number) + (size * (ua - ub) ** 2) / 2;
      this.sizes.splice(start + 1, 1);
      this.totals.splice(start + 1, 1);
      this.variances.splice(start + 1, 1);
      end = start + 1;
      size *= 2;
    }
  }

  /** Drops oldest buckets while some split shows a significant difference; true when any were dropped. */
  private detect(): boolean {
    const { delta, minWindowLength } = this.params;
    let changed = false;
    let again = true;
    while (again && this.sizes.length > 1) {
      again = false;
      const sigma2 = this.m2 / this.widthN;
      const dPrime = Math.log((2 * Math.log(this.widthN)) / delta);
      let n0 = 0;
      let s0 = 0;
      for (let i = 0; i < this.sizes.length - 1; i++) {
        n0 += this.sizes[i] as number;
        s0 += this.totals[i] as number;
        const n1 = this.widthN - n0;
        if (n1 < minWindowLength) break;
        if (n0 < minWindowLength) continue;
        const m = 1 / (n0 - minWindowLength + 1) + 1 / (n1 - minWindowLength + 1);
        const eps = Math.sqrt(2 * m * sigma2 * dPrime) + (2 / 3) * m * dPrime;
        if (Math.abs(s0 / n0 - (this.total - s0) / n1) > eps) {
          this.dropOldest();
          changed = true;
          again = this.widthN > minWindowLength;
          break;
        }
      }
    }
    return changed;
  }

  private dropOldest(): void {
    const n = this.sizes.shift() as number;
    const t = this.totals.shift() as number;
    const v = this.variances.shift() as number;
    this.widthN -= n;
    this.total -= t;
    if (this.widthN === 0) { this.m2 = 0; return; }
    const meanRest = this.total / this.widthN;
    this.m2 = Math.max(0, this.m2 - v - (n * this.widthN * (t / n - meanRest) ** 2) / (n + this.widthN));
  }

  toJSON(): AdwinSnapshot {
    return {
      kind: 'adwin', params: { ...this.params }, sizes: [...this.sizes], totals: [...this.totals], variances: [...this.variances],
      width: this.widthN, total: this.total, variance: this.m2, tick: this.tick, count: this.count,
    };
  }

  static fromJSON(snapshot: AdwinSnapshot): Adwin {
    if (snapshot.kind !== 'adwin') throw invalidInput(`not an ADWIN snapshot: kind '${String(snapshot.kind)}'`);
    const n = snapshot.sizes.length;
    if (snapshot.totals.length !== n || snapshot.variances.length !== n) throw invalidInput('ADWIN snapshot has bucket arrays of different lengths');
    const a = new Adwin(snapshot.params);
    a.sizes = [...snapshot.sizes];
    a.totals = [...snapshot.totals];
    a.variances = [...snapshot.variances];
    a.widthN = snapshot.width;
    a.total = snapshot.total;
    a.m2 = snapshot.variance;
    a.tick = snapshot.tick;
    a.count = snapshot.count;
    return a;
  }
}
