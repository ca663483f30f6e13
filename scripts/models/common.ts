import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Vectorizer } from '../../src/core/classify/text/vectorize.js';
import { appendFeatures, type SparseVector } from '../../src/core/classify/text/sparse.js';
import type { BinaryMetrics } from '../../src/core/classify/model/metrics.js';

/** Command-line flags shared by the build scripts: --date YYYY-MM-DD, --seed N, --models DIR. */
export function buildArgs(argv = process.argv.slice(2)): { date: string; seed: number; modelsDir: string } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    date: get('--date') ?? new Date().toISOString().slice(0, 10),
    seed: Number(get('--seed') ?? 1),
    modelsDir: get('--models') ?? 'models',
  };
}

export function featurize(texts: readonly string[], vectorizer: Vectorizer, extras?: (text: string) => ArrayLike<number>): SparseVector[] {
  return texts.map((t) => {
    const v = vectorizer.vectorize(t);
    return extras ? appendFeatures(v, extras(t), vectorizer.config.dim) : v;
  });
}

export const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');

export function metricsLine(name: string, m: BinaryMetrics): string {
  return `| ${name} | ${m.n} | ${m.positives} | ${fmt(m.precision)} | ${fmt(m.recall)} | ${fmt(m.f1)} | ${fmt(m.auroc)} | ${fmt(m.auprc)} | ${m.tp}/${m.fp}/${m.tn}/${m.fn} |`;
}

export const METRICS_HEADER = '| split | n | positives | precision | recall | F1 | AUROC | AUPRC | TP/FP/TN/FN |\n|---|---|---|---|---|---|---|---|---|';

export interface ModelCard {
  title: string;
  summary: string;
  date: string;
  data: string[];
  metrics: string;
  intendedUse: string[];
  failureModes: string[];
  training: string[];
}

export function writeModelCard(dir: string, card: ModelCard): void {
  mkdirSync(dir, { recursive: true });
  const bullets = (xs: string[]) => xs.map((x) => `- ${x}`).join('\n');
  writeFileSync(
    join(dir, 'MODEL_CARD.md'),
    `# ${card.title}\n\n${card.summary}\n\nBuilt: ${card.date}\n\n## Data\n\n${bullets(card.data)}\n\n## Training\n\n${bullets(card.training)}\n\n` +
      `## Metrics\n\n${card.metrics}\n\n## Intended use\n\n${bullets(card.intendedUse)}\n\n## Known failure modes\n\n${bullets(card.failureModes)}\n`,
  );
}

/** Runs a build script's `main` when the file is executed directly (not imported), printing any failure and exiting 1. */
export function runIfMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
