#!/usr/bin/env node
import { Command } from 'commander';
import { COMMANDS } from './commands.js';
import { reportCliError } from './cli-error.js';

const program = new Command();
program
  .name('argus')
  .description('Continuous safety monitoring for fine-tuned LLMs in production.')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)');

for (const register of COMMANDS) register(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  process.exitCode = reportCliError(err);
});
