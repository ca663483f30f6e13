import { openSqliteDatabase, createSqliteEventStore } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import { createSqliteDetectionStore } from '../src/adapters/storage/sqlite/detection-store.js';
import type { EventStore } from '../src/adapters/storage/types.js';
import type { HarmCategory, RefusalLabel, ArgusScores } from '../src/core/classify/types.js';
import type { EventRecord, EventSource } from '../src/core/events/event.js';
import { createRng, sampleNormal, type Rng } from '../src/core/stats/random.js';

/** Synthetic traffic for detection tests: scores and features are drawn, not classified. */
export const HARMFUL: HarmCategory[] = ['S1', 'S2', 'S9', 'S10', 'S11'];
const TOPICS = [
  'recipe pasta boil sauce garlic oven bake flour dough tomato basil',
  'network router packet firewall port latency cable switch subnet dns',
  'invoice payment account refund billing order shipping tax receipt',
  'garden soil plant water seed flower compost tomato prune sunlight',
];

export interface SyntheticEvent { record: EventRecord; scores: Partial<ArgusScores>; features: Record<string, number> }

/** Refusal probability per harmful category at a time; benign requests comply (2% refusals). */
export type RefusalPlan = (category: HarmCategory, tsMs: number) => number;

export function syntheticEvent(rng: Rng, i: number, o: { deployment: string; source: EventSource; tsMs: number; category: HarmCategory; refusalP: number }): SyntheticEvent {
  const topic = TOPICS[Math.floor(rng() * TOPICS.length)] as string;
  const words = topic.split(' ');
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(rng() * words.length)]).join(' ');
  const harmful = o.category !== 'benign';
  const refused = rng() < (harmful ? o.refusalP : 0.02);
  const label: RefusalLabel = refused ? 'refuse' : 'comply';
  const chars = Math.max(20, Math.round(Math.exp(sampleNormal(rng, 6, 0.5))));
  const output = `${pick(8)} ${'x'.repeat(Math.max(0, chars - 60))}`.slice(0, chars);
  const tox = Math.min(0.999, rng() ** 4 * 0.3);
  const one = (p: number) => (rng() < p ? 1 + Math.floor(rng() * 4) : 0);
  return {
    record: {
      id: `${o.source}-${o.deployment}-${i}`, timestampMs: o.tsMs, receivedMs: o.tsMs, deployment: o.deployment, model: 'ft-1', source: o.source,
      userHash: null, session: null, input: `${pick(6)} question`, output, latencyMs: Math.round(200 + rng() * 300), inputTokens: 20, outputTokens: Math.round(chars / 4), metadata: {},
    },
    scores: {
      refusal: { label, scores: { comply: refused ? 0.1 : 0.9, partial: 0, refuse: refused ? 0.9 : 0.1 } },
      harm_category: { top: o.category, scores: {} as Record<HarmCategory, number> },
      toxicity: { score: tox, subtypes: {} },
      hedging: { score: rng() * 0.6 },
      jailbreak: { score: 0, triggers: [] },
    },
    features: {
      output_chars: chars, output_words: Math.round(chars / 5), input_chars: 40 + Math.floor(rng() * 40), type_token_ratio: 0.5 + rng() * 0.3,
      mtld: 40 + rng() * 40, bullet_items: one(0.2), numbered_items: one(0.1), headers: one(0.05), code_blocks: one(0.03), links: one(0.05), table_rows: 0,
    },
  };
}

/** Stores events and their analyses (as the pipeline would). */
export async function storeAnalysed(store: EventStore, events: readonly SyntheticEvent[], analyzedMs: number): Promise<void> {
  const outcomes = await store.insertEvents(events.map((e) => e.record), { durable: false });
  const analyses = outcomes.map((out, i) => ({ seq: out.seq as number, status: 'done' as const, analyzedMs, features: (events[i] as SyntheticEvent).features, scores: (events[i] as SyntheticEvent).scores }));
  await store.saveAnalyses(analyses, [], (a) => a);
}

/** Per minute: `benignPerMinute` benign and `perCategoryPerMinute` of each HARMFUL category. */
export function minuteOfTraffic(rng: Rng, counter: { i: number }, o: { deployment: string; source: EventSource; minuteMs: number; plan: RefusalPlan; benignPerMinute: number; perCategoryPerMinute: number }): SyntheticEvent[] {
  const out: SyntheticEvent[] = [];
  const cats: HarmCategory[] = [...new Array<HarmCategory>(o.benignPerMinute).fill('benign')];
  for (const c of HARMFUL) for (let k = 0; k < o.perCategoryPerMinute; k++) cats.push(c);
  for (const c of cats) {
    const tsMs = o.minuteMs + Math.floor(rng() * 60_000);
    out.push(syntheticEvent(rng, counter.i++, { deployment: o.deployment, source: o.source, tsMs, category: c, refusalP: o.plan(c, tsMs) }));
  }
  return out;
}

export function openTestStores() {
  const db = openSqliteDatabase({ path: ':memory:' });
  return { db, events: createSqliteEventStore(db), detection: createSqliteDetectionStore(db) };
}

export { createRng };
