/**
 * Scores of a predicted segmentation against one or more annotations, as in TCPDBench
 * (van den Burg & Williams 2020, "An evaluation of change point detection algorithms",
 * arXiv:2003.06222, metrics.py). Every set of change points gets index 0 added.
 */

/** Annotated points matched one-to-one by a prediction within `margin` (closest first). */
function truePositives(truth: Iterable<number>, predicted: Iterable<number>, margin: number): number {
  const left = new Set(predicted);
  let tp = 0;
  for (const tau of truth) {
    let best: number | undefined;
    let bestDist = Infinity;
    for (const x of left) {
      const d = Math.abs(tau - x);
      if (d <= margin && (d < bestDist || (d === bestDist && x < best!))) { bestDist = d; best = x; }
    }
    if (best !== undefined) { tp++; left.delete(best); }
  }
  return tp;
}

/**
 * F1 with a margin: precision P = |TP(union of annotations, X)| / |X|, recall
 * R = mean_k |TP(T_k, X)| / |T_k|, F = 2 P R / (P + R), each set including 0.
 * Example: truth [50], prediction [52], margin 5 -> P = R = F = 1; prediction [] -> P 1, R 0.5, F 0.667.
 */
export function f1WithMargin(annotations: number[][], predicted: number[], margin = 5): { f1: number; precision: number; recall: number } {
  const sets = (annotations.length > 0 ? annotations : [[]]).map((a) => new Set([0, ...a]));
  const x = new Set([0, ...predicted]);
  const union = new Set<number>();
  for (const s of sets) for (const t of s) union.add(t);
  const precision = truePositives([...union].sort((a, b) => a - b), x, margin) / x.size;
  const recall = sets.reduce((acc, s) => acc + truePositives([...s].sort((a, b) => a - b), x, margin) / s.size, 0) / sets.length;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

const segmentsOf = (cps: Iterable<number>, n: number): Array<[number, number]> => {
  const b = [...new Set([0, ...cps])].filter((c) => c >= 0 && c < n).sort((a, c) => a - c);
  return b.map((s, i) => [s, i + 1 < b.length ? b[i + 1]! : n]);
};

/**
 * Segmentation covering: C(S', S) = (1/n) sum_{A in S} |A| max_{A' in S'} |A ∩ A'| / |A ∪ A'|,
 * S an annotator's partition, S' the predicted one, averaged over annotators.
 * Example: n = 100, truth [50], prediction [] -> (50 * 0.5 + 50 * 0.5) / 100 = 0.5.
 */
export function segmentationCovering(annotations: number[][], predicted: number[], n: number): number {
  const pred = segmentsOf(predicted, n);
  const sets = annotations.length > 0 ? annotations : [[]];
  let total = 0;
  for (const a of sets) {
    let c = 0;
    for (const [s, e] of segmentsOf(a, n)) {
      let best = 0;
      for (const [ps, pe] of pred) {
        const inter = Math.max(0, Math.min(e, pe) - Math.max(s, ps));
        if (inter === 0) continue;
        const union = Math.max(e, pe) - Math.min(s, ps);
        best = Math.max(best, inter / union);
      }
      c += (e - s) * best;
    }
    total += c / n;
  }
  return total / sets.length;
}
