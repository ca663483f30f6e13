import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addBackdoorObservation, createBackdoorState, DEFAULT_BACKDOOR_SETTINGS, evaluateBackdoor } from '../src/core/detect/backdoor.js';
import { buildPromptCatalogue } from '../src/core/simulate/catalogue.js';
import { createPromptPicker } from '../src/core/simulate/traffic-mix.js';
import type { BenchRow, BenchSuite } from './types.js';

/** A full collection, for heap figures of what is live (the flag is V8's own; set once here). */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * The n-gram backdoor detector alone, in process, on the simulator's prompts: 40% of events in a
 * harmful category (about what the classifiers report on its traffic mix), one in nine of those
 * harmful compliance, one evaluation per closed minute. CPU per event, and the memory its state
 * holds once the 5-minute window is full, at the demo's rate and at the end-to-end bench's; and
 * with a number in every input (order ids, as organic traffic has), where every minute brings new
 * n-grams and the per-minute limit (maxGramsPerMinute) is what keeps the memory bounded.
 */
function runDetector(perMinute: number, minutes: number, texts: readonly string[], gc: () => void, uniqueWords = false) {
  gc();
  // The counts live in typed arrays, outside the V8 heap: both are the state's memory.
  const held = () => { const u = process.memoryUsage(); return u.heapUsed + u.arrayBuffers; };
  const before = held();
  const state = createBackdoorState();
  let cpuUs = 0;
  for (let m = 0; m < minutes; m++) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < perMinute; i++) {
      const harmful = i % 5 < 2;
      addBackdoorObservation(state, { tsMs: m * 60_000 + (i * 60_000) / perMinute, category: harmful ? 'S2' : 'benign', flagged: harmful && i % 9 === 0, inputText: `${texts[(m * perMinute + i) % texts.length] as string}${uniqueWords ? ` order ${m * perMinute + i}` : ''}` }, DEFAULT_BACKDOOR_SETTINGS);
    }
    evaluateBackdoor(state, (m + 1) * 60_000, 1e-3, DEFAULT_BACKDOOR_SETTINGS);
    const u = process.cpuUsage(cpu0);
    cpuUs += u.user + u.system;
  }
  gc();
  const memMiB = (held() - before) / 1048576;
  const grams = [...state.buckets.values()].reduce((s, b) => s + b.slotOf.size, 0);
  return { usPerEvent: cpuUs / (minutes * perMinute), memMiB, grams, history: state.history.size };
}

export const backdoorSuite: BenchSuite = {
  name: 'backdoor',
  async run({ quick, log }) {
    const gc = collectGarbage();
    const picker = createPromptPicker({ catalogue: buildPromptCatalogue(), seed: 3 });
    const texts = Array.from({ length: 50_000 }, () => picker.pick(0).text);
    const rows: BenchRow[] = [];
    // 8 minutes: the 5-minute window fills, and three more minutes show the state staying level.
    const runs = quick ? [{ perMinute: 6_000, unique: false }] : [{ perMinute: 6_000, unique: false }, { perMinute: 200_000, unique: false }, { perMinute: 200_000, unique: true }];
    for (const { perMinute, unique } of runs) {
      const r = runDetector(perMinute, 8, texts, gc, unique);
      const label = `${perMinute.toLocaleString('en-US')} events/min${unique ? ', a unique order number in every input' : ''}`;
      log(`${label}: ${r.usPerEvent.toFixed(1)} µs per event, state ${r.memMiB.toFixed(1)} MiB (${r.grams} n-gram entries in the window's minutes, ${r.history} in the history)`);
      rows.push(
        { group: 'backdoor', name: `n-gram backdoor detector, CPU per event (${label}, 40% harmful category)`, value: r.usPerEvent, unit: 'µs' },
        { group: 'backdoor', name: `n-gram backdoor detector, memory held with the window full, heap and typed arrays (${label})`, value: r.memMiB, unit: 'MiB',
          note: `${r.grams.toLocaleString('en-US')} n-gram entries over the window's minutes, ${r.history.toLocaleString('en-US')} in the history` },
      );
    }
    return rows;
  },
};
