import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startArgus } from './helpers/argus-instance.js';
import { runCli } from './helpers/run-cli.js';

describe('argus import', () => {
  it('imports 100,000 lines, reports every bad line, is idempotent, and a restarted server has every event once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'argus-import-'));
    const dataDir = join(dir, 'data');
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      if (i === 500) lines.push('{"deployment": "broken'); // malformed JSON
      else if (i === 700) lines.push(JSON.stringify({ output: 'no deployment' }));
      else if (i === 900) lines.push('');
      else if (i === 1_000) lines.push(JSON.stringify({ id: 'e-10', deployment: 'imp', output: 'a duplicate of line 11' }));
      else lines.push(JSON.stringify({ id: `e-${i}`, deployment: i % 3 ? 'imp' : 'imp-b', input: `question ${i}`, output: `answer ${i}`, user: `u${i % 50}`, timestamp: new Date(1_760_000_000_000 + i * 1000).toISOString() }));
    }
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const first = await runCli(['import', file, '--data-dir', dataDir, '--json']);
    const summary = JSON.parse(first.stdout) as { lines: number; accepted: number; duplicates: number; invalid: number; invalidLines: Array<{ line: number; error: string }> };
    expect(summary).toMatchObject({ lines: 100_000, accepted: 99_996, duplicates: 1, invalid: 2 });
    expect(summary.invalidLines).toEqual([
      { line: 501, error: expect.stringMatching(/^not valid JSON/) },
      { line: 701, error: expect.stringMatching(/^deployment: /) },
    ]);
    expect(first.code).toBe(1); // some lines were invalid

    const again = await runCli(['import', file, '--data-dir', dataDir]);
    expect(again.stdout).toMatch(/accepted 0, duplicates 99997, invalid 2/);
    expect(again.stdout).toMatch(/line 501: not valid JSON/);

    const server = await startArgus({ data_dir: dataDir, pipeline: { analysis: 'process' } });
    try {
      expect(await server.store.countEvents()).toBe(99_996);
      expect(await server.store.countEvents({ deployment: 'imp-b' })).toBe(33_333);
      const e = await server.store.getEvent('e-10');
      expect(e?.output).toBe('answer 10');
      expect(e?.userHash).toMatch(/^[0-9a-f]{64}$/);
      await server.pipeline.idle(); // the restarted server analyses the imported backlog, in its analysis process
      expect(await server.store.pendingAnalysis(0, 1)).toEqual([]);
      const analysed = await server.store.getEvent('e-99999');
      expect(analysed?.analysis).toMatchObject({ status: 'done', scores: { refusal: { label: expect.stringMatching(/comply|partial|refuse/) } } });
    } finally {
      await server.close();
    }
  }, 120_000);

  it('fails with one line on stderr for a missing file', async () => {
    const r = await runCli(['import', '/nonexistent/file.jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('argus: no such file: /nonexistent/file.jsonl (ARGUS_ERR_INVALID_INPUT)');
  });

  it('reads stdin', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'argus-import-stdin-'));
    const r = await runCli(['import', '-', '--data-dir', dataDir], { input: `${JSON.stringify({ deployment: 'd', output: 'o' })}\n` });
    expect(r.stdout).toMatch(/accepted 1, duplicates 0, invalid 0 \(of 1 lines\)/);
    expect(r.code).toBe(0);
  });
});
