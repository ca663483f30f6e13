import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeries, readSeriesFile } from '../../src/adapters/series-file.js';

describe('parseSeries', () => {
  it('reads a JSON array with null and "NaN" as missing', () => {
    const s = parseSeries('[1, null, 2.5, "NaN", -3e2]', 'a.json');
    expect(s.values).toEqual([1, 2.5, -300]);
    expect(s.positions).toEqual([0, 2, 4]);
    expect(s.missingCount).toBe(2);
  });

  it('reads one value per line, empty / null / NaN missing, final newline ignored', () => {
    const s = parseSeries('1\n\nnull\n2\nNaN\n3\n', 'a.txt');
    expect(s.values).toEqual([1, 2, 3]);
    expect(s.positions).toEqual([0, 3, 5]);
    expect(s.missingCount).toBe(3);
  });

  it('reads a CSV column by name, with quotes and CRLF', () => {
    const s = parseSeries('ts,"tox, score"\r\n1,0.5\r\n2,\r\n3,"0.25"\r\n', 'a.csv', { column: 'tox, score' });
    expect(s.values).toEqual([0.5, 0.25]);
    expect(s.missingCount).toBe(1);
    expect(s.column).toBe('tox, score');
  });

  it('takes a one-column header without --column', () => {
    expect(parseSeries('score\n1\n2\n', 'a.csv').values).toEqual([1, 2]);
  });

  it('names file, line and problem on bad input', () => {
    expect(() => parseSeries('1\n2\nabc\n', 'x.txt')).toThrow('x.txt:3: expected a number, got "abc"');
    expect(() => parseSeries('[1, true]', 'x.json')).toThrow('x.json: element 1: expected a number or null, got true');
    expect(() => parseSeries('a,b\n1,2\n', 'x.csv')).toThrow('x.csv:1: 2 columns (a, b); pick one with --column');
    expect(() => parseSeries('a,b\n1,2\n', 'x.csv', { column: 'c' })).toThrow('x.csv:1: no column named "c"');
    expect(() => parseSeries('[1,\n2,,]', 'x.json')).toThrow("x.json:2: invalid JSON: expected a value, got \",]\"");
  });

  it('reads from disk and reports unreadable files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-series-'));
    const path = join(dir, 's.json');
    writeFileSync(path, '[3, 4]');
    expect((await readSeriesFile(path)).values).toEqual([3, 4]);
    await expect(readSeriesFile(join(dir, 'nope.txt'))).rejects.toThrow(/nope\.txt: cannot read file \(ENOENT\)/);
  });
});
