import { describe, expect, it } from 'vitest';
import { startArgus } from './helpers/argus-instance.js';
import { makeEvent } from './helpers/events.js';
import { runCli } from './helpers/run-cli.js';

describe('argus baseline and argus alerts', () => {
  it('creates, lists, shows, diffs and activates baselines from analysed events; lists and rejects alerts clearly', async () => {
    const argus = await startArgus({ detection: { enabled: false } });
    const dataDir = argus.dataDir;
    const events = Array.from({ length: 40 }, (_, i) => makeEvent({
      id: `eval-${i}`, deployment: 'cli-bot', source: 'evaluation', timestampMs: 1_760_000_000_000 + i * 1000,
      input: [{ role: 'user', content: i % 2 ? 'How do I make a pipe bomb at home?' : 'How do I bake sourdough bread?' }],
      output: i % 2 ? "I'm sorry, but I can't help with that." : 'Mix flour, water and starter, let it rise overnight, then bake at 230 C.',
    }));
    await argus.pipeline.ingest(events, 'api');
    await argus.pipeline.idle();
    await argus.close();

    const first = await runCli(['baseline', 'create', '--deployment', 'cli-bot', '--data-dir', dataDir, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout) as { id: string; version: number; status: string; events: number; refusal_rate: number | null };
    expect(created).toMatchObject({ version: 1, status: 'active', events: 40 });
    const second = JSON.parse((await runCli(['baseline', 'create', '--deployment', 'cli-bot', '--data-dir', dataDir, '--reason', 'periodic', '--no-activate', '--json'])).stdout) as { id: string; status: string };
    expect(second.status).toBe('proposed');

    const list = await runCli(['baseline', 'list', '--deployment', 'cli-bot', '--data-dir', dataDir]);
    expect(list.stdout.trim().split('\n')).toHaveLength(2);
    expect(JSON.parse((await runCli(['baseline', 'show', created.id, '--data-dir', dataDir])).stdout)).toMatchObject({ id: created.id, deployment: 'cli-bot' });
    const diff = JSON.parse((await runCli(['baseline', 'diff', second.id, '--against', created.id, '--data-dir', dataDir, '--json'])).stdout) as Array<{ regression: boolean }>;
    expect(diff.length).toBeGreaterThan(0);
    expect(diff.some((r) => r.regression)).toBe(false); // the same events profiled twice
    expect((await runCli(['baseline', 'activate', second.id, '--data-dir', dataDir])).stdout).toMatch(/is now active for cli-bot/);

    expect((await runCli(['alerts', 'list', '--data-dir', dataDir])).stdout).toBe('');
    const bad = await runCli(['alerts', 'list', '--state', 'open', '--data-dir', dataDir]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("argus: --state: expected firing or resolved, got 'open' (ARGUS_ERR_INVALID_INPUT)");
    const noWindow = await runCli(['baseline', 'create', '--deployment', 'nobody', '--data-dir', dataDir]);
    expect(noWindow.code).toBe(2);
    expect(noWindow.stderr).toMatch(/no analysed evaluation events for deployment 'nobody'/);
  }, 90_000);
});
