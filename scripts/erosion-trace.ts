/**
 * Instrument for the demo's refusal erosion (issue 6): runs the seeded stepped demo, then joins
 * every stored event (the pre-deployment evaluation and production) with the simulator's ground
 * truth (the catalogue entry of its prompt) and prints, per scenario minute, what the harm model
 * read as the watched category: how many, how many truly are that category's harmful requests,
 * their refusal labels and category probabilities, and what the refusal rates count under
 * countsTowardRefusal (the rule the baseline and the detectors apply).
 * Run: npx tsx scripts/erosion-trace.ts [--seed 7] [--category S2] [--dump file.jsonl]
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createDemoDetection } from '../src/app/demo/demo-detection.js';
import { DEMO_DEPLOYMENT, runDemo } from '../src/app/demo/run-demo.js';
import { countsTowardRefusal, isRefusal } from '../src/core/baseline/harmful-request.js';
import type { HarmCategory } from '../src/core/classify/types.js';
import { lastUserText } from '../src/core/events/event.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';

const { values } = parseArgs({ options: { seed: { type: 'string', default: '7' }, category: { type: 'string', default: 'S2' }, dump: { type: 'string' } } });
const seed = Number(values.seed);
const watched = values.category as HarmCategory;
const dataDir = mkdtempSync(join(tmpdir(), 'argus-erosion-trace-'));
// The live view is not needed here; the score table is printed at the end.
const out = new Writable({ write(_chunk, _enc, done) { done(); } });
const result = await runDemo({ seed, speed: 20, durationMs: 30 * 60_000, ratePerS: 80, port: 0, detection: createDemoDetection(), out, pacing: 'stepped', dataDir });

const store = createSqliteEventStore(openSqliteDatabase({ path: join(dataDir, 'argus.db') }));
const catalogue = buildPromptCatalogue();
interface Row { minute: string; truth: 'true' | 'other-harmful' | 'benign'; label: 'refuse' | 'partial' | 'comply'; p: number; counted: boolean }
/** Hazard readings in production by [the answer is harmful compliance (the simulator's placeholders), counted]. */
const compliance = { harmfulKept: 0, harmfulDropped: 0, otherCompliesKept: 0, otherCompliesDropped: 0 };
const rows: Row[] = [];
const dump: unknown[] = [];
let startMs = Infinity;
for (const source of ['evaluation', 'production'] as const) {
  let cursor: string | undefined;
  const events = [];
  do {
    const page = await store.listEvents({ deployment: DEMO_DEPLOYMENT, source, limit: 1000, cursor, order: 'asc' });
    events.push(...page.events);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  if (source === 'production') startMs = Math.floor(Math.min(...events.map((e) => e.timestampMs)) / 86_400_000) * 86_400_000;
  for (const e of events) {
    const sc = e.analysis?.scores;
    if (!sc?.harm_category || !sc.refusal) continue;
    const text = lastUserText(e.input);
    const truth = catalogue.lookup(text);
    const minute = source === 'evaluation' ? 'eval' : String(Math.floor((e.timestampMs - startMs) / 60_000)).padStart(2, '0');
    const p = sc.harm_category.scores[watched] ?? 0;
    const policy = sc.policy_violation?.score;
    const counted = countsTowardRefusal(sc.harm_category.top, sc.refusal.label, policy);
    dump.push({ minute, kind: truth?.kind ?? null, truthCategory: truth?.category ?? null, harmful: truth?.harmful ?? null, top: sc.harm_category.top, p, pBenign: sc.harm_category.scores.benign, label: sc.refusal.label, policy: policy ?? null, counted });
    if (source === 'production' && sc.harm_category.top !== 'benign') {
      const harmfulAnswer = e.output.includes('[REDACTED');
      if (harmfulAnswer) compliance[counted ? 'harmfulKept' : 'harmfulDropped']++;
      else if (sc.refusal.label === 'comply') compliance[counted ? 'otherCompliesKept' : 'otherCompliesDropped']++;
    }
    if (sc.harm_category.top !== watched) continue;
    const kind = truth?.harmful && truth.category === watched ? 'true' : truth?.harmful ? 'other-harmful' : 'benign';
    rows.push({ minute, truth: kind, label: sc.refusal.label, p, counted });
  }
}

const pct = (k: number, n: number) => (n === 0 ? '   -' : `${String(Math.round((100 * k) / n)).padStart(3)}%`);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? NaN : (s[Math.floor((s.length - 1) / 2)] as number); };
process.stdout.write(`seed ${seed}, ${watched} as the harm model reads it (top category); 'counted' = countsTowardRefusal\n`);
process.stdout.write('| minute | read | truly | other harmful | benign | refuse (all read) | counted | refused (counted) | truly (counted) | refused (truly, read) | median P (truly / benign) |\n|---|---|---|---|---|---|---|---|---|---|---|\n');
const minutes = [...new Set(rows.map((r) => r.minute))].sort((a, b) => (a === 'eval' ? -1 : b === 'eval' ? 1 : a.localeCompare(b)));
for (const m of minutes) {
  const rs = rows.filter((r) => r.minute === m);
  const by = (t: Row['truth']) => rs.filter((r) => r.truth === t);
  const counted = rs.filter((r) => r.counted);
  const share = (xs: Row[], f: (r: Row) => boolean) => pct(xs.filter(f).length, xs.length);
  process.stdout.write(`| ${m} | ${rs.length} | ${by('true').length} | ${by('other-harmful').length} | ${by('benign').length} | ${share(rs, (r) => r.label === 'refuse')} | `
    + `${counted.length} | ${share(counted, (r) => isRefusal(r.label))} | ${counted.filter((r) => r.truth === 'true').length} | ${share(by('true'), (r) => isRefusal(r.label))} | `
    + `${median(by('true').map((r) => r.p)).toFixed(2)} / ${median(by('benign').map((r) => r.p)).toFixed(2)} |\n`);
}
process.stdout.write(`\nProduction, any hazard reading: harmful compliances kept ${compliance.harmfulKept}, dropped ${compliance.harmfulDropped}; other compliant answers kept ${compliance.otherCompliesKept}, dropped ${compliance.otherCompliesDropped}\n`);
process.stdout.write(`\n${result.table}\n`);
if (values.dump) writeFileSync(values.dump, dump.map((d) => JSON.stringify(d)).join('\n'));
process.exit(result.score.allDetected && result.score.falseAlarms.length === 0 ? 0 : 1);
