import { performance } from 'node:perf_hooks';
import { detectPii } from '../src/core/classify/pii/index.js';
import type { BenchRow, BenchSuite } from './types.js';
import { mulberry32 } from '../src/core/stats/random.js';

/**
 * detectPii on ~1 KB model outputs, one call at a time on one core. The texts are assembled with
 * a fixed seed from authored fragments: plain prose (most outputs), some with names, contact
 * details, an address, a key in a code block. Budget: the whole classifier suite must do 5,000
 * outputs/s with p99 < 1 ms, so PII aims at about 80 µs per text.
 */
const PROSE = [
  'Here is a summary of the main points you asked about, with a few caveats that matter in practice.',
  'The function reads the configuration once at start-up and validates every field before use.',
  'In most cases the simplest approach is to retry with exponential backoff and a jittered delay.',
  'I cannot verify the figures, but the trend in the report suggests demand grew steadily last year.',
  'To make the sauce, melt the butter, whisk in the flour, and add the warm milk a little at a time.',
  'The Treaty was signed after long negotiations, and historians still debate its long-term effects.',
  'Please note that these recommendations are general and may not apply to your specific situation.',
  'The algorithm runs in linear time because each element is visited at most twice during the scan.',
];
const PII = [
  'You can reach Maria Garcia at maria.garcia+work@example.com or on +44 20 7946 0958.',
  'The invoice was sent to 1755 Nelson Mandela Drive, Springfield, IL 62704 on 12/27/2023.',
  'Dr. Okafor from Acme Holdings will meet you in Lisbon next week.',
  'The card on file ends 4111 1111 1111 1111 and the IBAN is GB82 WEST 1234 5698 7654 32.',
  'The server at 192.168.10.42 (and 2001:db8::ff00:42:8329) logs to https://logs.example.org/view.',
  '```bash\nexport AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\ncurl -H "Authorization: Bearer ghp_abcdefghijklmnopqrstuvwxyz0123456789" https://api.github.com\n```',
];

export function makePiiBenchTexts(count: number, seed = 7): string[] {
  const rand = mulberry32(seed);
  const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)] ?? '';
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let t = '';
    while (t.length < 1000) t += (rand() < 0.25 ? pick(PII) : pick(PROSE)) + (rand() < 0.2 ? '\n\n' : ' ');
    texts.push(t.slice(0, 1024));
  }
  return texts;
}

/** Best-of-5 time of the cheapest possible full pass (count digits) per text, in µs. */
function referenceScanUs(texts: string[]): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < 5; r++) {
    const s = performance.now();
    for (const t of texts) for (let i = 0; i < t.length; i++) { const c = t.charCodeAt(i); if (c >= 48 && c <= 57) sink++; }
    best = Math.min(best, performance.now() - s);
  }
  return sink >= 0 ? (best * 1000) / texts.length : 0;
}

export const piiSuite: BenchSuite = {
  name: 'pii',
  async run({ quick, log }) {
    const texts = makePiiBenchTexts(quick ? 2_000 : 10_000);
    for (const t of texts.slice(0, 500)) detectPii(t); // warm-up: lexicon build and JIT
    // Several rounds over the same texts; the fastest round is reported, because on a shared
    // machine the others measure the neighbours as much as the code.
    const rounds = quick ? 2 : 5;
    let best = { totalS: Infinity, cpuUsPerText: Infinity, timesUs: new Float64Array(0), entities: 0 };
    for (let r = 0; r < rounds; r++) {
      const timesUs = new Float64Array(texts.length);
      let entities = 0;
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      texts.forEach((t, i) => {
        const s = performance.now();
        entities += detectPii(t).length;
        timesUs[i] = (performance.now() - s) * 1000;
      });
      const totalS = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuUsPerText = (cpu.user + cpu.system) / texts.length;
      log(`round ${r + 1}: ${Math.round(texts.length / totalS)} texts/s, ${cpuUsPerText.toFixed(1)} µs CPU per text`);
      if (totalS < best.totalS) best = { totalS, cpuUsPerText, timesUs, entities };
    }
    const { totalS, cpuUsPerText, timesUs, entities } = best;
    const sorted = [...timesUs].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length * 0.5)] ?? 0;
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    const perSecond = texts.length / totalS;
    const meanBytes = texts.reduce((n, t) => n + t.length, 0) / texts.length;
    const referenceUs = referenceScanUs(texts);
    log(`${texts.length} texts of ~${Math.round(meanBytes)} chars, ${entities} entities; best of ${rounds} rounds`);
    return [
      { group: 'pii', name: 'detectPii throughput (~1 KB outputs)', value: perSecond, unit: 'texts/s', target: '>= 12,500 (80 µs budget)', pass: perSecond >= 12_500 },
      { group: 'pii', name: 'detectPii CPU time per text', value: cpuUsPerText, unit: 'µs', target: '<= 80 µs', pass: cpuUsPerText <= 80, note: 'process CPU time (all threads, incl. GC) / texts; steadier than wall time on a shared machine' },
      { group: 'pii', name: 'detectPii p50 latency', value: p50, unit: 'µs' },
      { group: 'pii', name: 'reference: one charCode pass over each text', value: referenceUs, unit: 'µs', note: 'a yardstick for machine contention: the same loop is the floor of any scan' },
      { group: 'pii', name: 'detectPii p99 latency', value: p99, unit: 'µs', target: '<= 200 µs (share of 1 ms)', pass: p99 <= 200 },
    ] satisfies BenchRow[];
  },
};
