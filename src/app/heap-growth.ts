import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8 lets the heap grow between full collections: to (1 + percent/100) times what
 * survived the last one. Left to itself, V8 on a machine with much memory allows up to four times,
 * and under steady load (when its memory reducer never runs) keeps that much committed: a server
 * whose live heap is 40 MiB swung between 45 and 200 MiB in use and its resident memory crept up
 * with the peaks (docs/operations.md, "Memory"). At 100 the swing and the resident memory follow
 * the live heap, for more frequent (and, with a small live heap, short) full collections.
 *
 * The flag is read at every collection, so it takes effect when set at run time. A
 * --heap-growing-percent given to Node itself (on the command line or in NODE_OPTIONS) wins.
 * Returns the percent now in force, or undefined when V8 (or Node's own flag) decides.
 */
export function applyHeapGrowth(
  percent: number,
  nodeFlags: readonly string[] = [...process.execArgv, process.env.NODE_OPTIONS ?? ''],
  setFlags: (flags: string) => void = setFlagsFromString,
): number | undefined {
  if (nodeFlags.some((f) => /--heap[-_]growing[-_]percent/.test(f))) return undefined;
  if (!Number.isInteger(percent) || percent <= 0) return undefined;
  setFlags(`--heap-growing-percent=${percent}`);
  return percent;
}
