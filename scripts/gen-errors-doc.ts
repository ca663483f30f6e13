import { writeFileSync } from 'node:fs';
import { renderErrorsDoc } from '../src/core/errors-doc.js';

/** Writes docs/errors.md from the error catalogue: `npx tsx scripts/gen-errors-doc.ts`. */
writeFileSync('docs/errors.md', renderErrorsDoc());
