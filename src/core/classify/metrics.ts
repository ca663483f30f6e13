/**
 * Classification metrics for evaluating Argus's classifiers: confusion matrix, per-class
 * precision / recall / F1, macro-F1, AUROC and AUPRC (average precision).
 *
 * Conventions follow scikit-learn 1.x so numbers are comparable with published results:
 * - a ratio whose denominator is 0 is 0 (sklearn's `zero_division=0`);
 * - macro-F1 is the unweighted mean of per-class F1 over the given label set (default: every
 *   label seen in `actual` or `predicted`, as sklearn does);
 * - AUROC is the trapezoidal area under the ROC curve, ties counting one half
 *   (`roc_auc_score`); AUPRC is average precision, the step-wise sum Σ (Rₙ − Rₙ₋₁) Pₙ over
 *   distinct thresholds (`average_precision_score`), not the optimistic trapezoid.
 * Reference values: scripts/models/metrics-reference.py recomputes both with numpy.
 */
import { invalidInput } from '../errors.js';

/** counts[i][j] = number of items whose actual label is labels[i] and predicted is labels[j]. */
export interface ConfusionMatrix {
  labels: string[];
  counts: number[][];
}

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Items whose actual label is this class. */
  support: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/**
 * Builds the confusion matrix. `labels` fixes the row and column order; labels outside it are an
 * error, so a typo cannot silently drop items.
 * Example: actual [a, a, b], predicted [a, b, b] → counts [[1, 1], [0, 1]] for labels [a, b].
 */
export function confusionMatrix(
  actual: readonly string[],
  predicted: readonly string[],
  labels?: readonly string[],
): ConfusionMatrix {
  if (actual.length !== predicted.length) {
    throw invalidInput(`confusionMatrix: actual has ${actual.length} items but predicted has ${predicted.length}`);
  }
  const order = labels ? [...labels] : [...new Set([...actual, ...predicted])].sort();
  const index = new Map(order.map((label, i) => [label, i]));
  const counts = order.map(() => order.map(() => 0));
  for (let k = 0; k < actual.length; k++) {
    const i = index.get(actual[k] as string);
    const j = index.get(predicted[k] as string);
    if (i === undefined || j === undefined) {
      throw invalidInput(`confusionMatrix: label '${i === undefined ? actual[k] : predicted[k]}' is not in labels [${order.join(', ')}]`);
    }
    (counts[i] as number[])[j] = ((counts[i] as number[])[j] as number) + 1;
  }
  return { labels: order, counts };
}

/**
 * Precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), for one class.
 * Example: 8 predicted positive of which 6 are right, 10 actual positive → P 0.75, R 0.6,
 * F1 0.667.
 */
export function classMetrics(matrix: ConfusionMatrix, label: string): ClassMetrics {
  const i = matrix.labels.indexOf(label);
  if (i < 0) throw invalidInput(`classMetrics: label '${label}' is not in [${matrix.labels.join(', ')}]`);
  const row = matrix.counts[i] as number[];
  const tp = row[i] as number;
  const support = row.reduce((a, b) => a + b, 0);
  const predictedPositive = matrix.counts.reduce((sum, r) => sum + (r[i] as number), 0);
  const precision = ratio(tp, predictedPositive);
  const recall = ratio(tp, support);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support };
}

/** Per-class metrics for every label of the matrix. */
export function perClassMetrics(matrix: ConfusionMatrix): Record<string, ClassMetrics> {
  return Object.fromEntries(matrix.labels.map((label) => [label, classMetrics(matrix, label)]));
}

/**
 * Macro-F1 = (1/K) Σₖ F1ₖ over the K labels of the matrix (or the `labels` given).
 * Example: F1 0.9 on one class and 0.5 on the other → 0.7, whatever the class sizes.
 */
export function macroF1(matrix: ConfusionMatrix, labels: readonly string[] = matrix.labels): number {
  if (labels.length === 0) return Number.NaN;
  return labels.reduce((sum, label) => sum + classMetrics(matrix, label).f1, 0) / labels.length;
}

/** Accuracy = trace / total. */
export function accuracy(matrix: ConfusionMatrix): number {
  let right = 0;
  let total = 0;
  matrix.counts.forEach((row, i) => row.forEach((c, j) => { total += c; if (i === j) right += c; }));
  return ratio(right, total);
}

function checkScored(scores: ArrayLike<number>, positives: ArrayLike<boolean>, name: string): void {
  if (scores.length !== positives.length) {
    throw invalidInput(`${name}: ${scores.length} scores but ${positives.length} labels`);
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) throw invalidInput(`${name}: score ${i} is ${scores[i]}, expected a finite number`);
  }
}

/**
 * Area under the ROC curve via the Mann–Whitney U statistic with mid-ranks for ties:
 * AUROC = (Σ rank(positives) − n₊(n₊+1)/2) / (n₊ n₋), equal to the trapezoidal ROC area.
 * NaN when either class is empty (undefined, where sklearn raises).
 * Example: scores [0.1, 0.4, 0.35, 0.8], positives [F, F, T, T] → 0.75.
 * Reference: Hanley & McNeil (1982), Radiology 143(1); sklearn.metrics.roc_auc_score.
 */
export function auroc(scores: ArrayLike<number>, positives: ArrayLike<boolean>): number {
  checkScored(scores, positives, 'auroc');
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let nPos = 0;
  let rankSumPos = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    const midRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (positives[order[k] as number]) { nPos++; rankSumPos += midRank; }
    }
    start = end + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * Average precision, the area under the precision–recall curve as a step function:
 * AP = Σₙ (Rₙ − Rₙ₋₁) Pₙ, one term per distinct score threshold taken from high to low.
 * NaN when there is no positive.
 * Example: scores [0.1, 0.4, 0.35, 0.8], positives [F, F, T, T] → 0.8333 (1·½ + ⅔·½).
 * Reference: sklearn.metrics.average_precision_score; Manning et al., IR book §8.4.
 */
export function auprc(scores: ArrayLike<number>, positives: ArrayLike<boolean>): number {
  checkScored(scores, positives, 'auprc');
  const n = scores.length;
  let totalPos = 0;
  for (let i = 0; i < n; i++) if (positives[i]) totalPos++;
  if (totalPos === 0) return Number.NaN;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[b] as number) - (scores[a] as number));
  let tp = 0;
  let prevRecall = 0;
  let ap = 0;
  for (let start = 0; start < n;) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1] as number] === scores[order[start] as number]) end++;
    for (let k = start; k <= end; k++) if (positives[order[k] as number]) tp++;
    const recall = tp / totalPos;
    ap += (recall - prevRecall) * (tp / (end + 1));
    prevRecall = recall;
    start = end + 1;
  }
  return ap;
}

/** Everything a binary evaluation reports, with `positive = score >= threshold`. */
export interface BinaryReport extends ClassMetrics {
  auroc: number;
  auprc: number;
  threshold: number;
  matrix: ConfusionMatrix;
}

export function binaryReport(scores: ArrayLike<number>, positives: ArrayLike<boolean>, threshold = 0.5): BinaryReport {
  const actual: string[] = [];
  const predicted: string[] = [];
  for (let i = 0; i < scores.length; i++) {
    actual.push(positives[i] ? 'positive' : 'negative');
    predicted.push((scores[i] as number) >= threshold ? 'positive' : 'negative');
  }
  const matrix = confusionMatrix(actual, predicted, ['negative', 'positive']);
  return {
    ...classMetrics(matrix, 'positive'),
    auroc: auroc(scores, positives),
    auprc: auprc(scores, positives),
    threshold,
    matrix,
  };
}
