import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/app/load-config.js';
import { runCli } from './helpers/run-cli.js';

const write = (text: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'argus-config-')), 'argus.yaml');
  writeFileSync(file, text);
  return file;
};

describe('loadConfig', () => {
  it('fills every default with no file, and freezes the result', () => {
    const c = loadConfig(undefined);
    expect(c.server).toEqual({ host: '127.0.0.1', port: 7070, heap_growth_percent: 100 });
    expect(c.gateway.upstream.timeout).toBe(120_000);
    expect(c.pipeline.flush_interval).toBe(50);
    expect(c.storage).toMatchObject({ sqlite_synchronous: 'full', sqlite_cache_mib: 2 });
    expect(Object.isFrozen(c.gateway.upstream)).toBe(true);
  });

  it('applies flag overrides over the file', () => {
    const c = loadConfig(write('server: { port: 8000 }\ngateway: { upstream: { timeout: 5s } }\n'), { port: 9000, dataDir: '/tmp/x', upstream: 'http://127.0.0.1:1/v1' });
    expect(c.server.port).toBe(9000);
    expect(c.data_dir).toBe('/tmp/x');
    expect(c.gateway.upstream).toMatchObject({ url: 'http://127.0.0.1:1/v1', timeout: 5_000 });
  });

  it('lists every problem with its path', () => {
    const file = write([
      'server: { port: 70000 }',
      'pipeline: { flush_interval: 0s, sampling: { mode: sometimes } }',
      'gateway: { upstream: { url: not-a-url } }',
      'storage: { driver: oracle, sqlite_cache_mib: 0 }',
      'colour: blue',
    ].join('\n'));
    let problems: string[] = [];
    try { loadConfig(file); } catch (err) { problems = (err as { details: { problems: string[] } }).details.problems; }
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^server\.port: /),
      "pipeline.flush_interval: expected a duration like '15m' or '500ms' (at least 1 ms), got '0s'",
      expect.stringMatching(/^pipeline\.sampling\.mode: /),
      expect.stringMatching(/^gateway\.upstream\.url: /),
      expect.stringMatching(/^storage\.driver: /),
      expect.stringMatching(/^storage\.sqlite_cache_mib: /),
      expect.stringMatching(/Unrecognized key: "colour"/),
    ]));
    expect(problems).toHaveLength(7);
  });

  it('reports YAML syntax errors and a non-mapping top level', () => {
    expect(() => loadConfig(write('server: [unclosed'))).toThrow(/not valid YAML/);
    expect(() => loadConfig(write('- a\n- b\n'))).toThrow(/top level must be a mapping/);
    expect(() => loadConfig('/nonexistent.yaml')).toThrow(/cannot read config file/);
  });
});

describe('argus config check', () => {
  it('exits 0 on a good file and 1 with every problem on a bad one', async () => {
    const good = await runCli(['config', 'check', write('server: { port: 8080 }\n')]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/: ok$/m);
    const bad = await runCli(['config', 'check', write('server: { port: -1 }\nlog: { level: loud }\n')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/2 problem\(s\):\n\s+server\.port: .*\n\s+log\.level: /);
  });
});
