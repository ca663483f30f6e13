import type { Command } from 'commander';
import { readSeriesFile } from '../adapters/series-file.js';
import { invalidInput } from '../core/errors.js';
import { CHANGEPOINT_DEFAULTS, CHANGEPOINT_METHODS, detectChangepoints, type ChangepointMethod } from '../core/stats/changepoint/detect.js';
import { COST_KINDS, type CostKind } from '../core/stats/changepoint/costs.js';
import { parsePenalty } from '../core/stats/changepoint/penalty.js';

interface ChangepointsCliOptions {
  input?: string; method: string; cost: string; penalty: string; minSize: string; jump: string;
  column?: string; standardize: boolean; json?: boolean;
}

const wholeNumber = (name: string, text: string): number => {
  const v = Number(text);
  if (!Number.isInteger(v) || v < 1) throw invalidInput(`${name} must be a whole number >= 1, got '${text}'`);
  return v;
};

export function registerChangepoints(program: Command): void {
  const d = CHANGEPOINT_DEFAULTS;
  program.command('changepoints')
    .description('Find change points in a series offline (PELT, binary segmentation or Bayesian online detection).')
    .option('-i, --input <file>', 'JSON array of numbers, or text/CSV with one value per line; null, empty or NaN = missing')
    .option('--method <name>', `pelt (exact), binseg (greedy) or bocpd (Bayesian online)`, d.method)
    .option('--cost <name>', 'l2 (mean), l1 (median), normal (mean and variance), linear (trend and variance), bernoulli (0/1 rates), poisson (counts)', d.cost)
    .option('--penalty <value>', 'bic, mbic, aic, or a number added per change point in cost units', d.penalty)
    .option('--min-size <n>', 'fewest observed points per segment', String(d.minSize))
    .option('--jump <n>', 'change points only at multiples of n', String(d.jump))
    .option('--column <name>', 'CSV column to read when the file has a header with several columns')
    .option('--no-standardize', 'use the values as given (no z-score, no outlier clipping), so a numeric penalty means exactly what it says')
    .option('--json', 'print JSON (the output is always JSON; accepted for symmetry with other commands)')
    .addHelpText('after', `
Output (JSON on stdout):
  {"changepoints": [i, ...], "segments": [{"start", "end", "mean", "std"}], "penalty": number, ...}
  Each change point i is the 0-based index of the first point of a new segment (never 0 or n).
  Indices refer to the series as written, missing values included: missing points are dropped
  before segmenting, a change point is the index of the first observed value of its segment, and
  missing values just before it stay in the earlier segment. Segment start is inclusive, end
  exclusive; mean and std (sample sd, 0 below two values) are over observed values, in input units.
  "penalty" is the value per change point actually used, in cost units (null for bocpd).

Defaults (chosen on a synthetic benchmark, see docs/statistics.md): PELT, linear cost (a level,
slope and variance per segment, so a trend stays one segment), MBIC penalty, min size 5. For
l2/l1/normal/linear the series is z-scored (sample sd), isolated spikes are replaced by their
local median, and a named penalty is scaled by a noise sd from differences and grown for
autocorrelated noise. Rates and counts (bernoulli, poisson) are used as given.

Examples:
  argus changepoints --input latency_ms.json
  argus changepoints --input refusals.csv --column refused --cost bernoulli
  argus changepoints --input series.txt --cost l2 --penalty 10 --no-standardize --min-size 2`)
    .action(async (opts: ChangepointsCliOptions) => {
      if (!opts.input) throw invalidInput('--input FILE is required (a JSON array of numbers, or one value per line)');
      const method = opts.method.toLowerCase() as ChangepointMethod;
      if (!CHANGEPOINT_METHODS.includes(method)) throw invalidInput(`--method must be one of ${CHANGEPOINT_METHODS.join(', ')}, got '${opts.method}'`);
      const cost = opts.cost.toLowerCase() as CostKind;
      if (!COST_KINDS.includes(cost)) throw invalidInput(`--cost must be one of ${COST_KINDS.join(', ')}, got '${opts.cost}'`);
      const penalty = parsePenalty(opts.penalty);
      const minSize = wholeNumber('--min-size', opts.minSize);
      const jump = wholeNumber('--jump', opts.jump);
      const data = await readSeriesFile(opts.input, opts.column === undefined ? {} : { column: opts.column });
      if (data.values.length === 0) throw invalidInput(`${opts.input} holds no values (${data.missingCount} missing)`);
      const series: Array<number | null> = new Array<number | null>(data.values.length + data.missingCount).fill(null);
      data.values.forEach((v, k) => { series[data.positions[k]!] = v; });
      // --no-standardize means the values as given: no z-score and no outlier clipping either.
      const r = detectChangepoints(series, { method, cost, penalty, minSize, jump, standardize: opts.standardize, clipOutliers: opts.standardize });
      process.stdout.write(`${JSON.stringify({
        changepoints: r.changepoints, segments: r.segments, penalty: r.penalty,
        method, cost: method === 'bocpd' ? 'normal-gamma' : cost, n: series.length, missing: r.diagnostics.missing,
        outliers_replaced: r.diagnostics.outliersReplaced, standardized: opts.standardize && ['l2', 'l1', 'normal', 'linear'].includes(cost),
      })}\n`);
    });
}
