import type { Command } from 'commander';
import { registerChangepoints } from './changepoints.js';
import { registerConfig } from './config-check.js';
import { registerImport } from './import.js';
import { registerServe } from './serve.js';

/** Every CLI command registers itself here: one file per command, one line per file. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerServe,
  registerImport,
  registerConfig,
  registerChangepoints,
];
