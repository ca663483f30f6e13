/**
 * Regenerates the shipped prompt suites from the simulator's catalogue:
 *   npx tsx suites/generate.ts
 * test/simulate-suites.test.ts fails if the committed files differ from what this writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { buildSuites, suiteToJsonl } from '../src/core/simulate/suites.js';

const root = dirname(fileURLToPath(import.meta.url));
const suites = buildSuites(buildPromptCatalogue());
for (const [file, items] of Object.entries(suites)) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, suiteToJsonl(items));
  process.stdout.write(`${file}: ${items.length} prompts\n`);
}
