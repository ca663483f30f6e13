import { writeFileSync, mkdirSync } from 'node:fs';
import { SUITES } from './suites.js';
import type { BenchRow } from './types.js';

/**
 * `npm run bench [-- --quick] [-- --only NAME[,NAME]]`: runs every suite in one process, prints a
 * table and writes bench/results/latest.json so a note can quote the exact figures.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const onlyIdx = args.indexOf('--only');
  const only = onlyIdx >= 0 ? new Set((args[onlyIdx + 1] ?? '').split(',')) : undefined;
  const rows: BenchRow[] = [];
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  for (const suite of SUITES) {
    if (only && !only.has(suite.name)) continue;
    process.stderr.write(`bench: ${suite.name}\n`);
    rows.push(...(await suite.run({ quick, log })));
  }
  const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(4));
  const lines = rows.map((r) =>
    `| ${r.group} | ${r.name} | ${fmt(r.value)} ${r.unit} | ${r.target ?? ''} | ${r.pass === undefined ? '' : r.pass ? 'yes' : 'NO'} |`);
  process.stdout.write(['| group | measure | value | target | met |', '|---|---|---|---|---|', ...lines].join('\n') + '\n');
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', JSON.stringify({ quick, node: process.version, rows }, null, 2));
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
