import type { Command } from 'commander';

/** Every CLI command registers itself here: one file per command, one line per file. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [];
