import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { looksLikeCountsObject, parseCategories } from '../adapters/category-file.js';
import { parseSeries } from '../adapters/series-file.js';
import { ArgusError, invalidInput } from '../core/errors.js';
import { categoricalDrift, numericDrift, type CategoricalDriftReport, type NumericDriftReport } from '../core/stats/compare/drift-report.js';
import type { BinningRule } from '../core/stats/compare/binning.js';

interface DriftCliOptions {
  reference?: string;
  current?: string;
  kind?: string;
  bins: string;
  binning: string;
  json?: boolean;
}

const BINNING_RULES: BinningRule[] = ['quantile', 'doane', 'sturges', 'equal'];

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: cannot read file (${(err as NodeJS.ErrnoException).code ?? 'read error'})`, { cause: err });
  }
}

const fmt = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 1e-4 || v === 0 ? v.toPrecision(6) : v.toExponential(4)) : String(v));

function renderTable(report: NumericDriftReport | CategoricalDriftReport, missing: { reference: number; current: number }): string {
  const rows: Array<[string, string]> = [
    ['kind', report.kind],
    ['reference n (missing)', `${report.reference.n} (${missing.reference})`],
    ['current n (missing)', `${report.current.n} (${missing.current})`],
  ];
  if (report.kind === 'numeric') {
    rows.push(['KS statistic', fmt(report.ks.statistic)], [`KS p-value (${report.ks.method})`, fmt(report.ks.pvalue)], ['Wasserstein-1', fmt(report.wasserstein)], ['energy distance', fmt(report.energy)]);
    if (report.cramer_von_mises) rows.push(['Cramér-von Mises T', fmt(report.cramer_von_mises.statistic)], [`Cramér-von Mises p (${report.cramer_von_mises.method})`, fmt(report.cramer_von_mises.pvalue)]);
    rows.push(['binning', `${report.binning.rule}, ${report.binning.bins} bins from the reference`]);
  } else {
    rows.push(['categories', String(report.categories.length)]);
    if (report.unseen_in_reference.length) rows.push(['unseen in reference', report.unseen_in_reference.join(', ')]);
  }
  rows.push(['PSI', fmt(report.psi)], ['KL(ref || cur), nats', fmt(report.kl)], ['JS divergence, nats', fmt(report.js_divergence)], ['JS distance, nats', fmt(report.js_distance)]);
  if (report.chi2) rows.push(['chi-squared (dof)', `${fmt(report.chi2.statistic)} (${report.chi2.dof})`], ['chi-squared p-value', fmt(report.chi2.pvalue)]);
  if (report.smoothing) rows.push(['smoothing', `+${report.smoothing.pseudocount} per category for PSI and KL (a category is empty on one side)`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`;
}

export function registerDrift(program: Command): void {
  program
    .command('drift')
    .description('Compare a current sample with a reference: KS, Wasserstein, PSI, KL, Jensen-Shannon, chi-squared.')
    .option('-r, --reference <file>', 'reference data (baseline)')
    .option('-c, --current <file>', 'current data to compare with the reference')
    .option('--kind <kind>', 'numeric or categorical (default: categorical when the reference is a JSON object of counts, else numeric)')
    .option('--bins <n>', 'number of bins for quantile or equal-width binning of numeric data', '10')
    .option('--binning <rule>', `how numeric data is binned for PSI/KL/JS/chi-squared: ${BINNING_RULES.join(', ')}`, 'quantile')
    .option('--json', 'print only JSON (also the default when stdout is not a terminal)')
    .addHelpText(
      'after',
      `
Files:
  numeric      a JSON array of numbers, or text/CSV with one value per line; null, empty or NaN
               values are missing: skipped and counted.
  categorical  a JSON object of counts per category ({"refuse": 120, "comply": 870}), a JSON array
               of labels, or one label per line.

Output keys (JSON): ks {statistic, pvalue, method} (scipy ks_2samp default method), wasserstein,
energy, cramer_von_mises {statistic, pvalue, method}, psi, kl (reference relative to current, nats), js_divergence and js_distance (nats),
chi2 {statistic, pvalue, dof} (scipy chi2_contingency defaults), binning (rule, edges, counts),
smoothing (null unless a category is empty on one side: then +0.5 per category for psi and kl).
Numeric bins come from the reference; the outer bins are open so no current value is dropped.

Examples:
  argus drift --reference baseline_toxicity.json --current today_toxicity.json
  argus drift -r ref.csv -c cur.csv --binning doane --json
  argus drift -r ref_categories.json -c cur_categories.json --kind categorical`,
    )
    .action(async (opts: DriftCliOptions) => {
      if (!opts.reference || !opts.current) throw invalidInput('--reference FILE and --current FILE are both required');
      const binning = opts.binning.toLowerCase() as BinningRule;
      if (!BINNING_RULES.includes(binning)) throw invalidInput(`--binning must be one of ${BINNING_RULES.join(', ')}, got '${opts.binning}'`);
      const bins = Number(opts.bins);
      if (!Number.isInteger(bins) || bins < 1 || bins > 10000) throw invalidInput(`--bins must be a whole number from 1 to 10000, got '${opts.bins}'`);
      const [refText, curText] = await Promise.all([readText(opts.reference), readText(opts.current)]);
      const kind = (opts.kind ?? (looksLikeCountsObject(refText) ? 'categorical' : 'numeric')).toLowerCase();
      let report: NumericDriftReport | CategoricalDriftReport;
      let missing: { reference: number; current: number };
      if (kind === 'numeric') {
        const parseNumeric = (text: string, source: string) => {
          try {
            return parseSeries(text, source);
          } catch (err) {
            // A label file read as numbers: say how to read it as categories.
            if (opts.kind === undefined && err instanceof ArgusError && err.code === 'ARGUS_ERR_INVALID_DATA' && /expected a number/.test(err.message)) {
              throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${err.message} (for labels, pass --kind categorical)`, { cause: err });
            }
            throw err;
          }
        };
        const ref = parseNumeric(refText, opts.reference);
        const cur = parseNumeric(curText, opts.current);
        if (ref.values.length === 0) throw invalidInput(`${opts.reference}: no numeric values (${ref.missingCount} missing)`);
        if (cur.values.length === 0) throw invalidInput(`${opts.current}: no numeric values (${cur.missingCount} missing)`);
        report = numericDrift(ref.values, cur.values, { binning, bins });
        missing = { reference: ref.missingCount, current: cur.missingCount };
      } else if (kind === 'categorical') {
        const ref = parseCategories(refText, opts.reference);
        const cur = parseCategories(curText, opts.current);
        report = categoricalDrift(ref.counts, cur.counts);
        missing = { reference: ref.missingCount, current: cur.missingCount };
      } else throw invalidInput(`--kind must be numeric or categorical, got '${opts.kind}'`);
      const output = { ...report, reference: { ...report.reference, missing: missing.reference }, current: { ...report.current, missing: missing.current } };
      if (opts.json || !process.stdout.isTTY) process.stdout.write(`${JSON.stringify(output, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))}\n`);
      else process.stdout.write(renderTable(report, missing));
    });
}
