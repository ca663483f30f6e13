import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker thread whose entry is `name` (without extension) beside the module at
 * `moduleUrl`. From source (tests run TypeScript) the thread registers tsx first; from dist it
 * runs the compiled .js.
 */
export function spawnWorker(moduleUrl: string, name: string, workerData: unknown): Worker {
  const fromSource = fileURLToPath(moduleUrl).endsWith('.ts');
  if (!fromSource) return new Worker(new URL(`./${name}.js`, moduleUrl), { workerData });
  const entry = new URL(`./${name}.ts`, moduleUrl).href;
  return new Worker(`import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData });
}
