import { InvalidArgumentError, type Command } from 'commander';
import type { ConfigOverrides } from '../app/load-config.js';

export function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError(`expected a port from 0 to 65535, got '${value}'`);
  return n;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number, got '${value}'`);
  return n;
}

export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a positive number, got '${value}'`);
  return n;
}

export function parseNonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number of at least 0, got '${value}'`);
  return n;
}

/** A seed: any whole number from 0. */
export function parseSeed(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number seed, got '${value}'`);
  return n;
}

/** The options every command that opens Argus's state shares. */
export function addConfigOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'YAML config file (every field has a default; see docs/configuration.md)')
    .option('--data-dir <dir>', 'where the embedded SQLite database and secrets live (default ./.argus)');
}

export function overridesFrom(opts: { port?: number; host?: string; dataDir?: string; upstream?: string }): ConfigOverrides {
  const o: ConfigOverrides = {};
  if (opts.port !== undefined) o.port = opts.port;
  if (opts.host !== undefined) o.host = opts.host;
  if (opts.dataDir !== undefined) o.dataDir = opts.dataDir;
  if (opts.upstream !== undefined) o.upstream = opts.upstream;
  return o;
}
