/**
 * The PII part of scripts/eval-classifiers.ts. PII has its own evaluation script (owned by the PII
 * module, scripts/eval-pii.ts) with its label aliases; this runs it on the held-out file and
 * formats the result, so both reports always agree. Returns undefined when PII is not built.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface PrecisionRecall { precision: number; recall: number; f1: number; support: number }
interface PiiResult { file: string; texts: number; any: PrecisionRecall; perType: Record<string, PrecisionRecall>; textsPerSecond: number }

export function evalPii(): { title: string; lines: string[]; json: Record<string, unknown> } | undefined {
  if (!existsSync('src/core/classify/pii/index.ts') || !existsSync('scripts/eval-pii.ts')) return undefined;
  const raw = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/eval-pii.ts', '--json', '--file', 'large'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const parsed = JSON.parse(raw) as { results: PiiResult[] };
  const r = parsed.results[0];
  if (!r) throw new Error('eval-pii returned no result');
  const f3 = (x: number) => x.toFixed(3);
  return {
    title: 'PII (output)',
    lines: [
      `presidio-synth \`generated_large.json\` (${r.texts} texts, held out from rule development), token-level, via \`npm run eval:pii -- --file large\`:`,
      '', '| scope | precision | recall | F1 | gold tokens |', '|---|---|---|---|---|',
      `| any PII | ${f3(r.any.precision)} | ${f3(r.any.recall)} | ${f3(r.any.f1)} | ${r.any.support} |`,
      ...Object.entries(r.perType).map(([t, m]) => `| ${t} | ${f3(m.precision)} | ${f3(m.recall)} | ${f3(m.f1)} | ${m.support} |`),
    ],
    json: r as unknown as Record<string, unknown>,
  };
}
