import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';

describe('argus changepoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-cp-'));
  // Deterministic steps with a little structured noise, one missing value and one NaN.
  const values: Array<number | string | null> = Array.from({ length: 150 }, (_, i) => (i < 70 ? 0 : i < 110 ? 5 : 2) + 0.3 * Math.sin(i * 2.1));
  values[40] = null;
  values[71] = 'NaN';
  const json = join(dir, 'series.json');
  writeFileSync(json, JSON.stringify(values));

  it('prints change points as original indices, segments and the penalty', async () => {
    const r = await runCli(['changepoints', '--input', json]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { changepoints: number[]; segments: Array<{ start: number; end: number; mean: number; std: number }>; penalty: number; missing: number };
    expect(out.changepoints).toEqual([70, 110]);
    expect(out.segments.map((s) => [s.start, s.end])).toEqual([[0, 70], [70, 110], [110, 150]]);
    expect(out.segments[1]!.mean).toBeCloseTo(5, 0);
    expect(out.penalty).toBeGreaterThan(0);
    expect(out.missing).toBe(2);
  });

  it('reads a CSV column and honours --no-standardize with a numeric penalty', async () => {
    const csv = join(dir, 'series.csv');
    writeFileSync(csv, `t,value\n${[0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3].map((v, i) => `${i},${v}`).join('\n')}\n`);
    const r = await runCli(['changepoints', '--input', csv, '--column', 'value', '--cost', 'l2', '--penalty', '1', '--no-standardize', '--min-size', '2', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { changepoints: number[]; penalty: number };
    expect(out).toMatchObject({ changepoints: [6], penalty: 1 });
  });

  it('fails with one line and a non-zero exit on bad input', async () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '1\n2\nabc\n');
    // Two cases only: each spawn loads the whole CLI; option validation is unit-tested in core.
    for (const args of [['--input', bad], ['--input', json, '--cost', 'gauss']]) {
      const r = await runCli(['changepoints', ...args]);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
