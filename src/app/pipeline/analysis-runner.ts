import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { EventStore } from '../../adapters/storage/types.js';
import type { ArgusConfig } from '../../contracts/config.js';
import type { Clock } from '../../core/clock.js';
import type { Sampler } from '../../core/sampling/sampler.js';
import { startAnalysisLoop, type AnalysisLoop, type AnalysisObserver } from './analysis-loop.js';
import type { Analyzer } from './analyzer.js';
import type { MonitoringBoost } from '../response/monitoring-boost.js';

/** Runs the analysis loop somewhere: in this process, or in a child process of its own. */
export interface AnalysisRunner {
  start(observer: AnalysisObserver): void;
  kick(): void;
  stop(): Promise<void>;
}

export function createInlineRunner(o: { store: EventStore; analyzer: Analyzer; sampler: Sampler; clock: Clock; logger: Logger; batchSize: number; pollIntervalMs?: number }): AnalysisRunner {
  let loop: AnalysisLoop | undefined;
  return {
    start(observer) { loop ??= startAnalysisLoop({ ...o, observer }); },
    kick() { loop?.kick(); },
    async stop() { await loop?.stop(); loop = undefined; },
  };
}

/** What the analysis process did since its last progress message: events per status, stage timings. */
export interface BatchReport {
  analysed: Partial<Record<'done' | 'skipped' | 'failed', number>>;
  stages: Array<['classify' | 'aggregate', number]>;
}

/** Messages from the analysis process. */
export type AnalysisMessage =
  | { type: 'error'; stage: 'analyse'; message: string }
  | ({ type: 'progress'; cursorSeq: number } & BatchReport)
  | { type: 'idle' }
  | { type: 'ready'; missing: string[] };

/**
 * The analysis loop in a child process with its own SQLite connection (WAL lets it read and
 * write beside the server), so classification uses the second core and never holds up the
 * gateway's event loop. The child is restarted if it dies.
 */
export function createProcessRunner(o: { config: ArgusConfig; env: NodeJS.ProcessEnv; logger: Logger; boost?: MonitoringBoost }): AnalysisRunner {
  const here = fileURLToPath(import.meta.url);
  const fromSource = here.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./analysis-process.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  let child: ChildProcess | undefined;
  let stopping = false;
  let observer: AnalysisObserver | undefined;
  let restartDelayMs = 500;
  // A kick is an IPC message (serialised, a syscall on both sides); the gateway stored a batch every
  // few milliseconds and kicked each time, while the child only needs waking when it went to sleep.
  // So: kick only a child that said it is idle, and remember work that arrived while it was busy.
  let childIdle = true;
  let workWaiting = false;
  const sendKick = () => {
    if (!child?.connected) return;
    childIdle = false;
    workWaiting = false;
    child.send({ type: 'kick' });
  };

  const spawnChild = () => {
    childIdle = true;
    const c = fork(entry, [], { execArgv: fromSource ? ['--import', 'tsx'] : [], env: o.env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    child = c;
    c.on('message', (m: AnalysisMessage) => {
      if (!observer) return;
      if (m.type === 'error') observer.error(m.stage, new Error(m.message));
      else if (m.type === 'progress') {
        restartDelayMs = 500;
        for (const [stage, seconds] of m.stages) observer.stage(stage, seconds);
        for (const [status, n] of Object.entries(m.analysed) as Array<[keyof BatchReport['analysed'], number]>) observer.analysed(status, n);
        observer.progress(m.cursorSeq);
      }
      else if (m.type === 'idle') { childIdle = true; if (workWaiting) sendKick(); observer.idle(); }
      else if (m.type === 'ready' && m.missing.length > 0) o.logger.warn({ missing: m.missing }, 'some classifiers have no model; their scores are neutral');
    });
    c.on('exit', (code, signal) => {
      if (child === c) child = undefined;
      if (stopping) return;
      o.logger.error({ code, signal }, `analysis process exited; restarting in ${restartDelayMs} ms`);
      setTimeout(() => { if (!stopping) spawnChild(); }, restartDelayMs).unref();
      restartDelayMs = Math.min(restartDelayMs * 2, 30_000);
    });
    c.send({ type: 'init', config: o.config });
    // The child samples boosted deployments at their raised rate; it is told the whole map, now and on every change.
    if (o.boost) c.send({ type: 'boost', rates: o.boost.rates() });
  };
  o.boost?.subscribe(() => { if (child?.connected) child.send({ type: 'boost', rates: o.boost?.rates() ?? {} }); });

  return {
    start(obs) { observer = obs; if (!child) spawnChild(); },
    kick() { workWaiting = true; if (childIdle) sendKick(); },
    async stop() {
      stopping = true;
      const c = child;
      if (!c || c.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { c.kill('SIGKILL'); }, 10_000);
        c.once('exit', () => { clearTimeout(timer); resolve(); });
        if (c.connected) c.send({ type: 'stop' }); else c.kill('SIGTERM');
      });
    },
  };
}
