import { invalidInput } from '../../errors.js';
import { chi2Sf } from '../special/chi2.js';

/**
 * Pearson's chi-squared test of independence on an r x c contingency table, with
 * scipy.stats.chi2_contingency 1.17 semantics (default correction = true, lambda = Pearson).
 *
 * Formulas: expected E_ij = R_i C_j / N (row and column totals); dof = r c - r - c + 1.
 * With dof = 1 and correction on, Yates' continuity correction moves each observed count toward
 * its expected value by min(0.5, |E - O|). Statistic X^2 = sum (O - E)^2 / E; p = chi2.sf(X^2, dof).
 * dof = 0 (a single row or column) gives X^2 = 0 and p = 1. A zero expected count (an all-zero
 * row or column) is an error, as in scipy: drop empty categories first.
 *
 * Example: [[90, 10], [80, 20]] gives X^2 = 3.1764705882352944, p = 0.07470593331213068, dof 1
 * (with Yates); without correction X^2 = 3.9215686274509807, p = 0.04767038065616147.
 *
 * References: K. Pearson, Phil. Mag. 50(302), 1900; F. Yates, JRSS Suppl. 1(2), 1934;
 * scipy.stats.chi2_contingency 1.17.
 */
export interface Chi2ContingencyResult {
  statistic: number;
  pvalue: number;
  dof: number;
  expected: number[][];
}

export function chi2Contingency(observed: readonly (readonly number[])[], options: { correction?: boolean } = {}): Chi2ContingencyResult {
  const correction = options.correction ?? true;
  const rows = observed.length;
  const cols = observed[0]?.length ?? 0;
  if (rows === 0 || cols === 0) throw invalidInput('chi2Contingency: the table is empty');
  const rowSums = new Array<number>(rows).fill(0);
  const colSums = new Array<number>(cols).fill(0);
  let total = 0;
  observed.forEach((row, i) => {
    if (row.length !== cols) throw invalidInput(`chi2Contingency: row ${i} has ${row.length} cells, expected ${cols}`);
    row.forEach((v, j) => {
      if (!(v >= 0) || !Number.isFinite(v)) throw invalidInput(`chi2Contingency: cell [${i}][${j}] must be a finite count >= 0, got ${v}`);
      rowSums[i] = (rowSums[i] as number) + v;
      colSums[j] = (colSums[j] as number) + v;
    });
  });
  for (const v of rowSums) total += v;
  const expected = rowSums.map((r) => colSums.map((c) => (r * c) / total));
  expected.forEach((row, i) =>
    row.forEach((e, j) => {
      if (e === 0 || Number.isNaN(e)) throw invalidInput(`chi2Contingency: expected frequency is zero at [${i}][${j}]; drop empty rows and columns`);
    }),
  );
  const dof = rows * cols - rows - cols + 1;
  if (dof === 0) return { statistic: 0, pvalue: 1, dof, expected };
  let statistic = 0;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const e = (expected[i] as number[])[j] as number;
      let o = (observed[i] as number[])[j] as number;
      if (dof === 1 && correction) {
        const diff = e - o;
        o += Math.min(0.5, Math.abs(diff)) * Math.sign(diff);
      }
      statistic += (o - e) ** 2 / e;
    }
  }
  return { statistic, pvalue: chi2Sf(statistic, dof), dof, expected };
}
