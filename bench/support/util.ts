import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';

export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[idx] as number;
}

/**
 * Node flags for `argus serve` children, from ARGUS_BENCH_SERVE_NODE_ARGS (space-separated), e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof --cpu-prof-interval=10000` to profile the server under a
 * bench's load (NODE_OPTIONS does not accept --cpu-prof).
 */
function nodeArgsFor(args: readonly string[]): string[] {
  const extra = process.env.ARGUS_BENCH_SERVE_NODE_ARGS?.trim();
  return args[0] === 'serve' && extra ? extra.split(/\s+/) : [];
}

/**
 * What bin/argus (the `argus` command) puts in the environment before it starts Node: an `argus
 * serve` child gets the same, since the bench starts Node itself (to pass Node flags). Set
 * MALLOC_ARENA_MAX to measure another value (16 is glibc's own limit on 2 cores).
 */
const launcherEnv = (args: readonly string[]): NodeJS.ProcessEnv => (args[0] === 'serve' ? { MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' } : {});

/** Starts a Node script as a child process and waits until `readyUrl` answers. */
export async function startChild(script: string, args: string[], readyUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeArgsFor(args), script, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...launcherEnv(args), ...env } });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); });
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${script} exited: ${stderr}`);
    try {
      const res = await request(readyUrl);
      await res.body.dump();
      // A server that dies mid-run would leave the bench waiting on requests that never finish;
      // stopChild removes this listener before it stops the child on purpose.
      child.once('exit', (code, signal) => {
        process.stderr.write(`bench: ${script} ${args[0] ?? ''} exited during the run (code ${code}, signal ${signal}); stderr tail:\n${stderr.slice(-2_000)}\n`);
        process.exit(1);
      });
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill();
  throw new Error(`${script} did not become ready at ${readyUrl}: ${stderr}`);
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) { resolve(); return; }
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}

/** Runs `task` with `concurrency` workers until `total` tasks are done; returns each task's latency in ms. */
export async function runClosedLoop(total: number, concurrency: number, task: (i: number) => Promise<void>): Promise<{ latenciesMs: number[]; elapsedMs: number }> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await task(i);
      latenciesMs.push(performance.now() - t0);
    }
  }));
  return { latenciesMs: latenciesMs.sort((a, b) => a - b), elapsedMs: performance.now() - started };
}

/** CPU time (user + system) a process has used, all threads, in ms, from /proc (Linux); undefined elsewhere. */
export function processCpuMs(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time of a process's main thread (its event loop), in ms; the writer thread and GC helpers are not counted. */
export function mainThreadCpuMs(pid: number | undefined): number | undefined {
  return pid === undefined ? undefined : statCpuMs(`/proc/${pid}/task/${pid}/stat`);
}

/** The 1-minute load average, for the note beside wall-clock figures (other work shares the cores). */
export function loadNote(): string {
  return `load average ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`;
}

function statCpuMs(file: string): number | undefined {
  try {
    // Fields after the command name (which may hold spaces) start at ')'.
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** A config file for a bench server: classifiers off (issue 2 measures the spine alone) unless asked for. */
export function benchConfigFile(dir: string, options: { classifiers?: boolean } = {}): string {
  const file = join(dir, 'bench-argus.yaml');
  writeFileSync(file, `classifiers: { enabled: ${options.classifiers === true} }\ndetection: { enabled: false }\nlog: { level: warn }\n`);
  return file;
}
