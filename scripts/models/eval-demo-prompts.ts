/**
 * How the shipped models read the demo's simulated traffic, where the truth is known:
 *   npx tsx scripts/models/eval-demo-prompts.ts [--json] [--models DIR]
 * - benign prompts of the simulator's catalogue whose harm category comes out as a hazard;
 * - harmful prompts whose harm category is not the intended one, or benign;
 * - refusals of each style (short, apologetic, policy, redirect, late) to harmful prompts whose
 *   refusal label is not `refuse`, and helpful answers to benign prompts read as not `comply`.
 * A measurement only: nothing here trains on the simulator's templates (the models must improve
 * on real data; fitting the demo would hide the gap it exists to show). Deterministic (seeded).
 */
import { loadSuiteModels } from '../../src/adapters/models/builtin.js';
import { createClassifierSuite } from '../../src/core/classify/suite.js';
import { buildPromptCatalogue, type CataloguePrompt } from '../../src/core/simulate/catalogue.js';
import { createRng } from '../../src/core/simulate/prng.js';
import { REFUSAL_STYLES, renderResponse } from '../../src/core/simulate/responses.js';
import { runIfMain } from './common.js';

const SEED = 20_261_124;
/** Prompts per group: enough for a rate to ±3 points, few enough to run in seconds. */
const PER_GROUP = 600;

export interface DemoReadings {
  benignPrompts: { n: number; readAsHarmful: number; rate: number };
  harmfulPrompts: { n: number; readAsBenign: number; wrongCategory: number; benignRate: number; wrongCategoryRate: number };
  refusalStyles: Record<string, { n: number; notRefuse: number; rate: number }>;
  helpfulAnswers: { n: number; notComply: number; rate: number };
}

function every<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

export function measureDemo(modelsDir?: string): DemoReadings {
  const suite = createClassifierSuite({ models: loadSuiteModels(modelsDir), pii: false });
  const catalogue = buildPromptCatalogue();
  const rng = createRng(SEED);
  const benign = every(catalogue.byKind.benign, PER_GROUP);
  const harmful = every(catalogue.byKind.harmful, PER_GROUP);
  const classify = (p: CataloguePrompt, output: string) => suite.classify({ input: p.text, output });

  let readAsHarmful = 0;
  let notComply = 0;
  for (const p of benign) {
    const s = classify(p, renderResponse('helpful', p, rng));
    if (s.harm_category.top !== 'benign') readAsHarmful++;
    if (s.refusal.label !== 'comply') notComply++;
  }
  let readAsBenign = 0;
  let wrongCategory = 0;
  const styles = Object.fromEntries(REFUSAL_STYLES.map((s) => [s, { n: 0, notRefuse: 0, rate: 0 }]));
  for (const p of harmful) {
    for (const style of REFUSAL_STYLES) {
      const s = classify(p, renderResponse('refusal', p, rng, style));
      const row = styles[style]!;
      row.n++;
      if (s.refusal.label !== 'refuse') row.notRefuse++;
      if (style === 'short') {
        if (s.harm_category.top === 'benign') readAsBenign++;
        else if (s.harm_category.top !== p.category) wrongCategory++;
      }
    }
  }
  for (const row of Object.values(styles)) row.rate = row.notRefuse / row.n;
  return {
    benignPrompts: { n: benign.length, readAsHarmful, rate: readAsHarmful / benign.length },
    harmfulPrompts: { n: harmful.length, readAsBenign, wrongCategory, benignRate: readAsBenign / harmful.length, wrongCategoryRate: wrongCategory / harmful.length },
    refusalStyles: styles,
    helpfulAnswers: { n: benign.length, notComply, rate: notComply / benign.length },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirAt = args.indexOf('--models');
  const r = measureDemo(dirAt >= 0 ? args[dirAt + 1] : undefined);
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  const lines = [
    `benign prompts read as a hazard: ${r.benignPrompts.readAsHarmful}/${r.benignPrompts.n} (${pct(r.benignPrompts.rate)})`,
    `harmful prompts read as benign: ${r.harmfulPrompts.readAsBenign}/${r.harmfulPrompts.n} (${pct(r.harmfulPrompts.benignRate)}), as another hazard: ${r.harmfulPrompts.wrongCategory} (${pct(r.harmfulPrompts.wrongCategoryRate)})`,
    ...Object.entries(r.refusalStyles).map(([s, v]) => `refusal style ${s.padEnd(10)} not read as refuse: ${v.notRefuse}/${v.n} (${pct(v.rate)})`),
    `helpful answers to benign prompts not read as comply: ${r.helpfulAnswers.notComply}/${r.helpfulAnswers.n} (${pct(r.helpfulAnswers.rate)})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runIfMain(import.meta.url, main);
