import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerDrift } from '../../src/cli/drift.js';
import { expectClose } from '../stats/close.js';

/** Runs `argus drift ARGS` in-process and returns what it wrote to stdout. */
async function runDrift(args: string[]): Promise<string> {
  const program = new Command();
  program.exitOverride();
  registerDrift(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string) => {
    out += chunk;
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'argus', 'drift', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'argus-drift-'));
const GOLDEN = resolve(process.cwd(), '../shared/data/reference/drift_golden.json');

describe('argus drift', () => {
  it.skipIf(!existsSync(GOLDEN))('numeric files: JSON agrees with scipy (drift_golden.json case 0), missing values counted', async () => {
    const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as { cases: Array<Record<string, any>> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const c = golden.cases[0] as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    writeFileSync(join(dir, 'ref.json'), JSON.stringify([...c.a, null]));
    writeFileSync(join(dir, 'cur.csv'), `score\n${(c.b as number[]).join('\n')}\nNaN\n\n`);
    const report = JSON.parse(await runDrift(['--reference', join(dir, 'ref.json'), '--current', join(dir, 'cur.csv'), '--json']));
    expectClose(report.ks.statistic, c.ks_2samp_auto.statistic, 'ks statistic');
    expectClose(report.ks.pvalue, c.ks_2samp_auto.pvalue, 'ks pvalue');
    expectClose(report.wasserstein, c.wasserstein_distance, 'wasserstein');
    expectClose(report.cramer_von_mises.pvalue, c.cramervonmises_2samp.pvalue, 'cvm');
    expect(report.reference).toEqual({ n: 50, missing: 1 });
    expect(report.current).toEqual({ n: 40, missing: 2 });
    expect(report.binning.rule).toBe('quantile');
    expect(report.binning.reference_counts.reduce((s: number, v: number) => s + v, 0)).toBe(50);
    expect(report.binning.current_counts.reduce((s: number, v: number) => s + v, 0)).toBe(40);
    for (const key of ['psi', 'kl', 'js_divergence', 'js_distance']) expect(Number.isFinite(report[key])).toBe(true);
    expect(report.chi2.dof).toBe(report.binning.bins - 1);
  });

  it('categorical counts: PSI, KL, JS and chi-squared as scipy computes them', async () => {
    writeFileSync(join(dir, 'ref_counts.json'), JSON.stringify({ refuse: 90, comply: 10 }));
    writeFileSync(join(dir, 'cur_labels.txt'), `${'refuse\n'.repeat(80)}${'comply\n'.repeat(20)}`);
    const report = JSON.parse(await runDrift(['-r', join(dir, 'ref_counts.json'), '-c', join(dir, 'cur_labels.txt'), '--kind', 'categorical']));
    expectClose(report.psi, 0.08109302162163287, 'psi');
    expectClose(report.kl, 0.03669001403475056, 'kl');
    expectClose(report.js_distance, 0.0998318052585084, 'js');
    expectClose(report.chi2.statistic, 3.1764705882352944, 'chi2');
    expectClose(report.chi2.pvalue, 0.07470593331213068, 'chi2 p');
    expect(report.smoothing).toBeNull();
  });

  it('bad input: one-line errors naming file, line and problem', async () => {
    writeFileSync(join(dir, 'bad.txt'), '1\n2\nabc\n');
    writeFileSync(join(dir, 'ok.txt'), '1\n2\n3\n');
    await expect(runDrift(['-r', join(dir, 'ok.txt'), '-c', join(dir, 'bad.txt')])).rejects.toThrow(`${join(dir, 'bad.txt')}:3: expected a number, got "abc"`);
    await expect(runDrift(['-r', join(dir, 'ok.txt')])).rejects.toThrow('--reference FILE and --current FILE are both required');
    await expect(runDrift(['-r', join(dir, 'ok.txt'), '-c', join(dir, 'ok.txt'), '--binning', 'magic'])).rejects.toThrow("--binning must be one of quantile, doane, sturges, equal, got 'magic'");
    await expect(runDrift(['-r', join(dir, 'nope.txt'), '-c', join(dir, 'ok.txt')])).rejects.toThrow('nope.txt: cannot read file (ENOENT)');
  });
});
