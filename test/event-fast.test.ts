import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEventParser, createFastEventCheck } from '../src/contracts/event-fast.js';
import { createEventSchema, DEFAULT_EVENT_LIMITS, formatIssues, type EventLimits } from '../src/contracts/event.js';

// Small limits so generated values cross every bound often.
const limits: EventLimits = { maxTextChars: 12, maxMessages: 3, maxMetadataKeys: 3, maxMetadataKeyChars: 4, maxMetadataValueChars: 5, maxIdChars: 6 };
const schema = createEventSchema(limits);
const fast = createFastEventCheck(limits);

const LONE = '\ud800';
const str = (max: number) => fc.oneof(
  fc.string({ maxLength: max + 2 }),
  fc.string({ maxLength: max, unit: 'binary' }),
  fc.string({ maxLength: max }).map((s) => `${s}${LONE}`),
  fc.constantFrom('', 'a', 'x'.repeat(max), 'x'.repeat(max + 1), 'é🌍', `${LONE}x`),
);
const num = fc.oneof(fc.integer({ min: -5, max: 2e9 }), fc.double(), fc.constantFrom(0, -0, 1e9, 1e9 + 1, 86_400_000, 86_400_001, 0.5, Number.NaN, Infinity));
const junk = fc.oneof(fc.constant(null), fc.boolean(), num, fc.constant([]), fc.constant({}), fc.constant(undefined));
const orJunk = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: junk });
const date = fc.date({ min: new Date(-1e13), max: new Date(1e13), noInvalidDate: true }).map((d) => d.toISOString());
const timestamp = fc.oneof(date, date.map((s) => s.replace('Z', '+02:00')), date.map((s) => s.replace('.', ',')), date.map((s) => s.slice(0, 19)),
  fc.constantFrom('2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00.123456789-05:30', 'yesterday'), fc.string());
const message = fc.oneof(
  fc.record({ role: orJunk(str(64)), content: orJunk(str(limits.maxTextChars)) }, { requiredKeys: [] }),
  fc.record({ content: str(4), role: fc.constantFrom('user', 'assistant') }), // keys in the other order
  fc.record({ role: fc.constant('user'), content: fc.constant('hi'), name: fc.constant('x') }),
);
const metadataKey = fc.oneof(str(limits.maxMetadataKeyChars), fc.constantFrom('__proto__', 'tier', '1', 'constructor'));
const metadata = fc.dictionary(metadataKey, orJunk(fc.oneof(str(limits.maxMetadataValueChars), num, fc.boolean())), { maxKeys: 5 });
const usage = fc.record({ input_tokens: orJunk(num), output_tokens: orJunk(num), extra: fc.constant(1) }, { requiredKeys: [] });

const event = fc.record({
  id: orJunk(str(limits.maxIdChars)),
  timestamp: orJunk(timestamp),
  deployment: orJunk(fc.oneof(fc.constantFrom('dep-1', 'a.b:c/d_e', '-bad', 'has space', 'x'.repeat(128), 'x'.repeat(129)), fc.string({ maxLength: 8 }))),
  model: orJunk(str(256)),
  source: orJunk(fc.constantFrom('production', 'canary', 'evaluation', 'shadow', 'staging')),
  user: orJunk(str(8)),
  session: orJunk(str(8)),
  input: orJunk(fc.oneof(str(limits.maxTextChars), fc.array(message, { maxLength: 4 }))),
  output: orJunk(str(limits.maxTextChars)),
  latency_ms: orJunk(num),
  usage: orJunk(usage),
  metadata: orJunk(metadata),
  colour: fc.constant('blue'),
}, { requiredKeys: [] });

// Mostly valid: each field within its rules (or near a bound), no unknown keys.
const text = (max: number) => fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: max }) }, fc.string({ maxLength: Math.floor(max / 2), unit: 'binary' }), str(max));
const mostly = <T>(good: fc.Arbitrary<T>, other: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: other });
const goodEvent = fc.record({
  id: text(limits.maxIdChars),
  timestamp: mostly(date, timestamp),
  deployment: mostly(fc.constantFrom('dep-1', 'a.b:c/d_e', 'x'.repeat(128)), fc.constantFrom('x'.repeat(129), '-bad', '')),
  model: text(8),
  source: mostly(fc.constantFrom('production', 'canary', 'evaluation', 'shadow'), fc.constant('staging')),
  user: text(8),
  session: text(8),
  input: fc.oneof(text(limits.maxTextChars), fc.array(fc.record({ role: fc.constantFrom('user', 'system', ''), content: text(6) }), { maxLength: 4 })),
  output: text(limits.maxTextChars),
  latency_ms: mostly(fc.double({ min: 0, max: 86_400_000, noNaN: true }), num),
  usage: fc.record({ input_tokens: fc.oneof(fc.nat(), num), output_tokens: fc.nat() }, { requiredKeys: [] }),
  metadata: fc.dictionary(fc.oneof(text(limits.maxMetadataKeyChars), metadataKey), fc.oneof(text(limits.maxMetadataValueChars), num, fc.boolean()), { maxKeys: 4 }),
}, { requiredKeys: ['deployment'] });
const anyEvent = fc.oneof(goodEvent, event);

describe('fast event check', () => {
  it('accepts only what zod accepts, and returns what zod returns (same keys in the same order)', () => {
    fc.assert(fc.property(fc.oneof(anyEvent, junk, fc.string()), (raw) => {
      const mine = fast(raw);
      if (mine === undefined) return;
      const theirs = schema.safeParse(raw);
      expect(theirs.success).toBe(true);
      expect(JSON.stringify(mine)).toBe(JSON.stringify(theirs.data));
      expect(mine).toStrictEqual(theirs.data);
    }), { numRuns: 20_000 });
  });

  it('accepts every JSON event zod accepts (so the fast path is the one taken)', () => {
    let accepted = 0;
    fc.assert(fc.property(anyEvent, (generated) => {
      const raw = JSON.parse(JSON.stringify(generated)) as unknown; // what a request body holds
      if (JSON.stringify(raw).includes('"__proto__"')) return; // zod drops that key; the fast path leaves such events to zod
      const theirs = schema.safeParse(raw);
      expect(fast(raw) !== undefined).toBe(theirs.success);
      if (theirs.success) accepted++;
    }), { numRuns: 10_000 });
    expect(accepted).toBeGreaterThan(100); // the generator does reach valid events (about 2% of runs)
  });

  it('takes the fast path for a typical event under the default limits', () => {
    const check = createFastEventCheck(DEFAULT_EVENT_LIMITS);
    const e = { id: 'e-1', deployment: 'support-bot', user: 'u-1', model: 'ft:x', timestamp: '2026-01-02T03:04:05.678Z',
      input: [{ role: 'user', content: 'How do I export?' }], output: 'Open Settings.', latency_ms: 350, usage: { input_tokens: 20, output_tokens: 80 }, metadata: { region: 'eu', tier: 2, beta: true } };
    expect(check(e)).toStrictEqual(createEventSchema().parse(e));
  });

  it('falls back to zod for invalid events, so the error names the path', () => {
    const parse = createEventParser(schema, limits);
    const bad = parse({ deployment: 'dep', output: 'x'.repeat(13), usage: { input_tokens: -1 } });
    expect(bad.success).toBe(false);
    if (bad.success) return;
    expect(formatIssues(bad.error)).toEqual(['output: longer than 12 characters', expect.stringMatching(/^usage\.input_tokens: /)]);
    expect(parse({ deployment: 'dep' })).toEqual({ success: true, data: { deployment: 'dep', source: 'production', output: '' } });
  });
});
