import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { createClassifierSuite } from '../core/classify/suite.js';
import { loadSuiteModels, readTriggerFile } from '../adapters/models/builtin.js';
import { classifyJsonl } from '../adapters/models/classify-jsonl.js';
import { inputSize, openInput } from '../adapters/models/jsonl.js';
import { defaultModelsDir } from '../adapters/models/model-files.js';
import { createProgress } from './progress.js';

interface ClassifyOpts {
  input: string;
  output: string;
  models?: string;
  triggers?: string;
  pii: boolean;
  json?: boolean;
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('Score model outputs with every built-in classifier; JSONL in, the same lines plus an "argus" field out.')
    .option('--input <file>', "JSONL to read, '-' for stdin", '-')
    .option('--output <file>', "where to write, '-' for stdout", '-')
    .option('--models <dir>', 'models folder (default: the shipped models/)')
    .option('--triggers <file>', 'trigger watch list: JSON/YAML list of strings or {id, pattern, kind: string|regex}')
    .option('--no-pii', 'skip PII detection')
    .option('--json', 'print the end-of-run summary on stderr as JSON')
    .addHelpText('after', `
Each input line is an object with "output" (the model's answer) and optionally "input" (the request:
a string or chat messages [{"role":"user","content":"..."}]); other fields pass through untouched.
The "argus" field holds refusal, toxicity, harm_category, policy_violation, pii, jailbreak, hedging.
A part whose model is absent from --models gets neutral values and is named on stderr.
Bad lines are reported on stderr with their line number and skipped; the exit code is then 1.

Examples:
  argus classify --input outputs.jsonl --output scored.jsonl
  cat outputs.jsonl | argus classify --triggers triggers.yaml | jq '.argus.refusal.label'`)
    .action(async (opts: ClassifyOpts) => {
      const models = loadSuiteModels(opts.models ?? defaultModelsDir());
      const suite = createClassifierSuite({
        models,
        triggers: opts.triggers ? readTriggerFile(opts.triggers) : undefined,
        ...(opts.pii ? {} : { pii: false as const }),
      });
      if (suite.missing.length > 0) process.stderr.write(`argus: no model for ${suite.missing.join(', ')}: neutral values written\n`);
      const input = openInput(opts.input);
      const output = opts.output === '-' ? process.stdout : createWriteStream(opts.output);
      const total = inputSize(opts.input);
      const progress = createProgress('classifying', total);
      const summary = await classifyJsonl(input, output, suite, {
        onProgress: (bytes, lines) => progress.update(total === undefined ? lines : bytes),
        onBadLine: (lineNo, message) => process.stderr.write(`argus: line ${lineNo}: ${message}\n`),
      });
      progress.finish(`${summary.classified.toLocaleString('en-US')} lines`);
      if (output !== process.stdout) {
        output.end();
        await finished(output);
      }
      if (opts.json) process.stderr.write(`${JSON.stringify(summary)}\n`);
      else if (summary.bad > 0) process.stderr.write(`argus: ${summary.bad} bad line${summary.bad === 1 ? '' : 's'} of ${summary.lines}; ${summary.classified} classified\n`);
      if (summary.bad > 0) process.exitCode = 1;
    });
}
