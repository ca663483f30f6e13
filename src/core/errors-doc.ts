import { ERROR_CATALOGUE } from './errors.js';

/** The error catalogue as a Markdown table: code | HTTP status | meaning | how to fix. */
export function renderErrorsDoc(): string {
  const rows = Object.entries(ERROR_CATALOGUE).map(([code, e]) => `| \`${code}\` | ${e.status} | ${e.meaning} | ${e.fix} |`);
  return [
    '# Errors',
    '',
    'Every error Argus returns or prints carries one of these codes. On the wire: `{"error": {"code", "message", "details"?}}`; on the CLI: one line on stderr ending in the code, and exit 2 for bad input, 1 otherwise.',
    'Generated from `src/core/errors.ts` by `npx tsx scripts/gen-errors-doc.ts`; a test fails if this file is out of date.',
    '',
    '| code | HTTP status | meaning | how to fix |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
