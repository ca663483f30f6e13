import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDemoDetection } from '../src/app/demo/demo-detection.js';
import { runDemo, type DemoResult } from '../src/app/demo/run-demo.js';

/**
 * A short seeded demo, end to end: simulator, gateway, analysis process, baseline from the
 * pre-deployment suite, detection, scoring. What it must catch is asserted. Its two known gaps
 * (the backdoor is not caught; one false alarm in the healthy phase) depend on timing from run
 * to run, so they are reported in the score table and the issue, not pinned here.
 */
let result: DemoResult;
let output = '';
beforeAll(async () => {
  const out = new Writable({ write(chunk, _enc, done) { output += String(chunk); done(); } });
  result = await runDemo({ seed: 7, speed: 60, durationMs: 30 * 60_000, ratePerS: 40, port: 0, detection: createDemoDetection(), out });
}, 180_000);

describe('argus demo (seed 7, 30 scenario minutes at 60x)', () => {
  it('sends traffic through the gateway and prints a live view and a score table', () => {
    expect(result.trafficSent).toBeGreaterThan(500);
    expect(output).toMatch(/erosion/);
    expect(result.table).toMatch(/\| refusal erosion in S2 \| 10:00 \|/);
  });

  it('detects the refusal erosion in S2 after it starts', () => {
    const erosion = result.score.faults.find((f) => f.fault.kind === 'erosion');
    expect(erosion?.detected).toBe(true);
    expect(erosion?.delayMs).toBeGreaterThanOrEqual(0);
    expect(['medium', 'high', 'critical']).toContain(erosion?.alert?.severity);
  });
});
