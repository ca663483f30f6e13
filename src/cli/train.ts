import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArgusError, invalidInput } from '../core/errors.js';
import { parseTrainingRow, taskSpec, TASKS } from '../core/classify/model/tasks.js';
import { devReportMarkdown, taskModelCard, trainTaskModel } from '../core/classify/model/train-task.js';
import { readJsonlStrict } from '../adapters/models/jsonl.js';
import { writeModelFile } from '../adapters/models/model-files.js';
import { createProgress } from './progress.js';

interface TrainOpts {
  task: string;
  data: string;
  dev?: string;
  out: string;
  seed: string;
  epochs: string;
  l2: string;
  date?: string;
  json?: boolean;
}

const num = (name: string, v: string, ok: (x: number) => boolean) => {
  const x = Number(v);
  if (!Number.isFinite(x) || !ok(x)) throw invalidInput(`--${name} must be a valid number, got ${JSON.stringify(v)}`);
  return x;
};

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('Train a classifier on your own labelled JSONL data and write weights plus a model card.')
    .requiredOption('--task <task>', `what to learn: ${Object.keys(TASKS).join(', ')}, or any other name for a generic classifier`)
    .requiredOption('--data <file>', 'training rows, JSONL')
    .option('--dev <file>', 'held-out rows, JSONL, for the printed metrics and the card')
    .requiredOption('--out <dir>', 'folder to write model.json and MODEL_CARD.md into')
    .option('--seed <n>', 'shuffle seed; the same seed and data give the same model byte for byte', '1')
    .option('--epochs <n>', 'passes over the data', '8')
    .option('--l2 <x>', 'L2 regularisation strength', '1e-5')
    .option('--date <yyyy-mm-dd>', 'date written into the card (default: today)')
    .option('--json', 'print the dev metrics as JSON')
    .addHelpText('after', `
Rows are JSON objects with a "label" and the text: "text", or "output" for output tasks
(refusal, policy, toxicity, hedging) and "input" for request tasks (jailbreak, harm_category;
a string or chat messages). Labels: refusal comply|partial|refuse; policy violation|safe
(or true/false); jailbreak jailbreak|benign; toxicity toxic|clean; harm_category S1..S14|benign.

Place the output folder under a models folder with the built-in name (e.g. models/refusal) and pass
--models to \`argus classify\` to use it.

Example:
  argus train --task refusal --data refusal-train.jsonl --dev refusal-dev.jsonl --out my-models/refusal --seed 7`)
    .action(async (opts: TrainOpts) => {
      const spec = taskSpec(opts.task);
      const seed = num('seed', opts.seed, Number.isInteger);
      const epochs = num('epochs', opts.epochs, (x) => Number.isInteger(x) && x >= 1 && x <= 1000);
      const l2 = num('l2', opts.l2, (x) => x >= 0);
      const date = opts.date ?? new Date().toISOString().slice(0, 10);
      const parse = (row: unknown) => parseTrainingRow(spec, row);
      const train = await readJsonlStrict(opts.data, parse);
      if (train.length === 0) throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${opts.data} holds no rows`);
      const dev = opts.dev ? await readJsonlStrict(opts.dev, parse) : undefined;
      const vecBar = createProgress('vectorising', train.length + (dev?.length ?? 0));
      let vectorised = 0;
      const epochBar = createProgress('training', epochs);
      const { loaded, dev: report } = trainTaskModel({
        spec, train, dev, seed, epochs, l2, metadata: { date, data: opts.data, devData: opts.dev },
        onProgress: (stage, done, total) => {
          if (stage === 'epoch') epochBar.update(done, `epoch ${done}/${total}`);
          else if (done === total) vectorised += total;
          else vecBar.update(vectorised + done);
        },
      });
      epochBar.finish();
      const bytes = writeModelFile(opts.out, loaded);
      writeFileSync(join(opts.out, 'MODEL_CARD.md'), taskModelCard(loaded, report, { date, data: opts.data, devData: opts.dev }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ task: spec.task, out: opts.out, bytes, trainRows: train.length, dev: report ?? null })}\n`);
        return;
      }
      process.stdout.write(`trained ${spec.task} on ${train.length} rows; wrote ${join(opts.out, 'model.json')} (${Math.round(bytes / 1024)} KB) and MODEL_CARD.md\n`);
      process.stdout.write(report ? `${devReportMarkdown(report)}\n` : 'no --dev file: no metrics\n');
    });
}
