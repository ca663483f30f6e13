import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectContextChange, parseFingerprintKey } from './context-watch.js';
import { contextFingerprint, fingerprintKey } from './fingerprint.js';

const base = contextFingerprint({ systemPrompt: 'You are a bank assistant.', tools: ['search'], model: 'ft-2' });
const key = (systemPrompt: string | null, tools: string[], model: string | null) => fingerprintKey(contextFingerprint({ systemPrompt, tools, model }));
const opts = { minEvents: 100, minShare: 0.5 };

describe('detectContextChange', () => {
  it('the worked example: 300 events under a new system prompt against 100 under the old one', () => {
    const minutes = [
      { minuteMs: 0, fingerprints: { [fingerprintKey(base)]: 100 } },
      { minuteMs: 60_000, fingerprints: { [key('You are a loans assistant.', ['search'], 'ft-2')]: 300 } },
    ];
    expect(detectContextChange(base, minutes, opts)).toMatchObject({ changes: ['system prompt'], events: 300, total: 400, share: 0.75, sinceMs: 60_000 });
  });

  it('stays quiet below minShare or minEvents, and for traffic in the baseline context', () => {
    const other = key(null, [], 'ft-2');
    expect(detectContextChange(base, [{ minuteMs: 0, fingerprints: { [fingerprintKey(base)]: 200, [other]: 150 } }], opts)).toBeUndefined();
    expect(detectContextChange(base, [{ minuteMs: 0, fingerprints: { [other]: 99 } }], opts)).toBeUndefined();
    expect(detectContextChange(base, [{ minuteMs: 0, fingerprints: { [fingerprintKey(base)]: 5000 } }], opts)).toBeUndefined();
    expect(detectContextChange(base, [], opts)).toBeUndefined();
  });

  it('names every part that changed, and a baseline without a model does not flag a model name', () => {
    const change = detectContextChange(base, [{ minuteMs: 0, fingerprints: { [key(null, ['search', 'calc'], 'ft-3')]: 500 } }], opts);
    expect(change?.changes).toEqual(['system prompt', 'tools', 'model version']);
    const noModel = contextFingerprint({ systemPrompt: null, tools: [], model: null });
    expect(detectContextChange(noModel, [{ minuteMs: 0, fingerprints: { [key(null, [], 'ft-3')]: 500 } }], opts)).toBeUndefined();
  });

  it('parseFingerprintKey inverts fingerprintKey (property)', () => {
    const name = fc.stringMatching(/^[a-z0-9_.:-]{1,12}$/);
    fc.assert(fc.property(fc.option(fc.string(), { nil: null }), fc.array(name, { maxLength: 4 }), fc.option(name, { nil: null }), (prompt, tools, model) => {
      const f = contextFingerprint({ systemPrompt: prompt, tools, model });
      expect(parseFingerprintKey(fingerprintKey(f))).toEqual(f);
    }));
  });
});
