import { invalidInput } from '../../errors.js';

/**
 * Binary classification metrics at a threshold, plus threshold-free AUROC and AUPRC.
 * precision = TP/(TP+FP), recall = TP/(TP+FN), F1 = 2PR/(P+R) (0 when P+R = 0).
 * AUROC is the Mann–Whitney U statistic: the probability that a random positive scores above a
 * random negative, ties counting ½ (Hanley & McNeil 1982; equals sklearn.metrics.roc_auc_score).
 * AUPRC is average precision, Σ (R_k − R_{k−1}) P_k over distinct thresholds (sklearn
 * average_precision_score).
 * Example: scores [0.9, 0.8, 0.3, 0.1], labels [1, 0, 1, 0] → AUROC 0.75, AP 0.833.
 */
export interface BinaryMetrics {
  n: number;
  positives: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  auroc: number;
  auprc: number;
}

export function binaryMetrics(scores: readonly number[], labels: readonly boolean[], threshold = 0.5): BinaryMetrics {
  if (scores.length !== labels.length) throw invalidInput(`binaryMetrics: ${scores.length} scores but ${labels.length} labels`);
  let tp = 0, fp = 0, tn = 0, fn = 0;
  scores.forEach((s, i) => {
    const pred = s >= threshold;
    if (labels[i]) {
      if (pred) tp++;
      else fn++;
    } else if (pred) fp++;
    else tn++;
  });
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  return {
    n: scores.length,
    positives: tp + fn,
    tp, fp, tn, fn,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    accuracy: scores.length > 0 ? (tp + tn) / scores.length : 0,
    auroc: auroc(scores, labels),
    auprc: averagePrecision(scores, labels),
  };
}

export function auroc(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (labels[order[k]![1]]) { rankSumPos += midRank; nPos++; }
    i = j;
  }
  const nNeg = order.length - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function averagePrecision(scores: readonly number[], labels: readonly boolean[]): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]);
  const nPos = labels.filter(Boolean).length;
  if (nPos === 0) return Number.NaN;
  let tp = 0, seen = 0, prevRecall = 0, ap = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) {
      if (labels[order[j]![1]]) tp++;
      seen++;
      j++;
    }
    const recall = tp / nPos;
    ap += (recall - prevRecall) * (tp / seen);
    prevRecall = recall;
    i = j;
  }
  return ap;
}

/** Confusion matrix: rows are true classes, columns predicted, in `classes` order. */
export function confusionMatrix(truth: readonly string[], predicted: readonly string[], classes: readonly string[]): number[][] {
  const at = new Map(classes.map((c, i) => [c, i]));
  const m = classes.map(() => classes.map(() => 0));
  truth.forEach((t, i) => {
    const r = at.get(t);
    const c = at.get(predicted[i] ?? '');
    if (r !== undefined && c !== undefined) m[r]![c]!++;
  });
  return m;
}

/** Macro-averaged F1 over classes from a confusion matrix. */
export function macroF1(matrix: readonly (readonly number[])[]): number {
  const k = matrix.length;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const tp = matrix[c]![c]!;
    let fp = 0, fn = 0;
    for (let o = 0; o < k; o++) if (o !== c) { fp += matrix[o]![c]!; fn += matrix[c]![o]!; }
    sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return k > 0 ? sum / k : 0;
}
