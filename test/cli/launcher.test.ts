import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * bin/argus beside a stand-in for the built CLI that prints what it was started with: the
 * launcher's whole job is the environment and the arguments it hands to Node.
 */
function launcherTree(): string {
  const root = mkdtempSync(join(tmpdir(), 'argus-launcher-'));
  mkdirSync(join(root, 'bin'));
  mkdirSync(join(root, 'dist', 'src', 'cli'), { recursive: true });
  copyFileSync('bin/argus', join(root, 'bin', 'argus'));
  writeFileSync(join(root, 'dist', 'src', 'cli', 'main.js'), 'console.log(JSON.stringify({ arena: process.env.MALLOC_ARENA_MAX ?? null, args: process.argv.slice(2) }));\n');
  return root;
}

function run(launcher: string, args: string[], env: NodeJS.ProcessEnv): { arena: string | null; args: string[] } {
  const { MALLOC_ARENA_MAX: _unset, ...rest } = process.env;
  return JSON.parse(execFileSync('sh', [launcher, ...args], { env: { ...rest, ...env }, encoding: 'utf8' })) as { arena: string | null; args: string[] };
}

describe('bin/argus', () => {
  it('starts Node with two malloc arenas unless MALLOC_ARENA_MAX is set, and passes the arguments through', () => {
    const root = launcherTree();
    const launcher = join(root, 'bin', 'argus');
    expect(run(launcher, ['serve', '--port', '7070', 'two words'], {})).toEqual({ arena: '2', args: ['serve', '--port', '7070', 'two words'] });
    expect(run(launcher, ['demo'], { MALLOC_ARENA_MAX: '8' }).arena).toBe('8');
  });

  it('finds the CLI through a symlink, as npm links a package bin', () => {
    const root = launcherTree();
    const link = join(mkdtempSync(join(tmpdir(), 'argus-bin-')), 'argus');
    symlinkSync(join(root, 'bin', 'argus'), link);
    expect(run(link, ['--version'], {})).toEqual({ arena: '2', args: ['--version'] });
  });
});
