import { invalidInput } from '../../errors.js';
import { auprc, auroc } from '../metrics.js';

/**
 * Binary classification metrics at a threshold, with the counts the training scripts print, plus
 * threshold-free AUROC and AUPRC from ../metrics.ts (the one home of the classification metrics).
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
    auprc: auprc(scores, labels),
  };
}
