import { ArgusError } from '../core/errors.js';

/** Prints one line on stderr and returns the exit code: 2 for bad input, 1 otherwise. */
export function reportCliError(err: unknown): number {
  if (err instanceof ArgusError) {
    process.stderr.write(`argus: ${err.message} (${err.code})\n`);
    return err.status < 500 ? 2 : 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`argus: ${message}\n`);
  if (process.env.ARGUS_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 1;
}
