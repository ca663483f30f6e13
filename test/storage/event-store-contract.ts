import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/adapters/storage/types.js';
import { ROLLUPS_READY_SETTING } from '../../src/adapters/storage/rollups.js';
import { makeEvent } from '../helpers/events.js';

const sumMerge = (a: unknown, b: unknown) => ({ n: (a as { n: number }).n + (b as { n: number }).n });

/**
 * The behaviour every EventStore adapter must show. An adapter's test file calls this with a
 * factory that returns a fresh, empty store.
 */
export function runEventStoreContract(name: string, open: () => Promise<EventStore>): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => { store = await open(); });
    afterEach(async () => { await store.close(); });

    it('round-trips every field of an event', async () => {
      const e = makeEvent({ id: 'a1', input: 'plain prompt', userHash: 'ab'.repeat(32), session: 's1' });
      const [outcome] = await store.insertEvents([e]);
      expect(outcome).toEqual({ status: 'accepted', seq: expect.any(Number) });
      const got = await store.getEvent('a1');
      expect(got).toMatchObject({ ...e, seq: expect.any(Number) });
      expect(got?.analysis).toBeUndefined();
    });

    it('reports duplicates by id, within a batch and across batches, and keeps the first', async () => {
      const first = makeEvent({ id: 'dup', output: 'first' });
      const outcomes = await store.insertEvents([first, makeEvent({ id: 'dup', output: 'second' }), makeEvent({ id: 'other' })]);
      expect(outcomes.map((o) => o.status)).toEqual(['accepted', 'duplicate', 'accepted']);
      expect(outcomes[2]!.seq).toBeGreaterThan(outcomes[0]!.seq!);
      expect(await store.insertEvents([makeEvent({ id: 'dup', output: 'third' })])).toEqual([{ status: 'duplicate' }]);
      expect((await store.getEvent('other'))?.seq).toBe(outcomes[2]!.seq);
      expect((await store.getEvent('dup'))?.output).toBe('first');
      expect(await store.countEvents()).toBe(2);
    });

    it('lists with filters and pages with a cursor, newest first by default', async () => {
      const events = Array.from({ length: 25 }, (_, i) => makeEvent({
        id: `e${i}`, timestampMs: 1_000 + i, deployment: i % 2 ? 'odd' : 'even', source: i % 5 === 0 ? 'canary' : 'production',
      }));
      await store.insertEvents(events);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listEvents({ deployment: 'even', limit: 4, cursor });
        seen.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['e24', 'e22', 'e20', 'e18', 'e16', 'e14', 'e12', 'e10', 'e8', 'e6', 'e4', 'e2', 'e0']);
      const window = await store.listEvents({ sinceMs: 1_005, untilMs: 1_010, source: 'production', limit: 100, order: 'asc' });
      expect(window.events.map((e) => e.id)).toEqual(['e6', 'e7', 'e8', 'e9']);
      expect(await store.countEvents({ deployment: 'odd', source: 'canary' })).toBe(2);
    });

    it('pages a time window in (timestamp, seq) order, late inserts included, with its own cursor', async () => {
      // Inserted out of time order (a late batch), with ties on the timestamp.
      const ts = [5_000, 5_003, 5_001, 5_003, 4_999, 5_002, 5_001, 5_010, 5_003, 5_000];
      await store.insertEvents(ts.map((t, i) => makeEvent({ id: `t${i}`, timestampMs: t, deployment: 'timed', source: 'production' })));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listEvents({ deployment: 'timed', source: 'production', sinceMs: 5_000, untilMs: 5_010, limit: 3, cursor, order: 'time' });
        seen.push(...page.events.map((e) => e.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(['t0', 't9', 't2', 't6', 't5', 't1', 't3', 't8']);
      const bySeq = await store.listEvents({ deployment: 'timed', limit: 3, order: 'asc' });
      await expect(store.listEvents({ deployment: 'timed', limit: 3, order: 'time', cursor: bySeq.nextCursor! })).rejects.toMatchObject({ code: 'ARGUS_ERR_INVALID_QUERY' });
    });

    it('reads analysed events of a window for detection: (timestamp, seq) order, the five score fields, paged', async () => {
      const ts = [5_000, 5_003, 5_001, 5_003, 4_999, 5_002, 5_010, 5_004];
      const outcomes = await store.insertEvents(ts.map((t, i) => makeEvent({
        id: `d${i}`, timestampMs: t, deployment: 'det', source: i === 5 ? 'canary' : 'production',
        input: i === 1 ? [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }] : `prompt ${i}`,
        metadata: i === 1 ? { tools: 'search, calc' } : i === 2 ? { tools: 3 } : {},
        latencyMs: i === 3 ? null : 100 + i,
      })));
      const seqs = outcomes.map((o) => o.seq!);
      const full = {
        refusal: { label: 'comply', scores: { comply: 0.9, partial: 0.05, refuse: 0.05 } },
        harm_category: { top: 'S2', scores: { S2: 0.8 } },
        policy_violation: { score: 0.75, categories: {} },
        toxicity: { score: 0.125, subtypes: {} },
        jailbreak: { score: 0.9, triggers: ['ignore previous', 'dan'] },
      };
      await store.saveAnalyses([
        { seq: seqs[0]!, status: 'done', analyzedMs: 1, features: { output_chars: 51 }, scores: full as never },
        { seq: seqs[1]!, status: 'done', analyzedMs: 1, features: { output_chars: 52 } },
        { seq: seqs[2]!, status: 'done', analyzedMs: 1, features: { output_chars: 53 }, scores: { harm_category: { top: 'not-a-category' }, toxicity: { score: 'high' } } as never },
        { seq: seqs[3]!, status: 'done', analyzedMs: 1, scores: { refusal: { label: 'refuse' } } as never },
        { seq: seqs[5]!, status: 'done', analyzedMs: 1 },
        { seq: seqs[7]!, status: 'failed', analyzedMs: 1 },
      ], [], sumMerge);
      const w = { deployment: 'det', source: 'production' as const, sinceMs: 5_000, untilMs: 5_010 };
      const seen: Array<Awaited<ReturnType<EventStore['listDetectionRows']>>['rows'][number]> = [];
      let cursor: string | undefined;
      do {
        const page = await store.listDetectionRows(w, { limit: 2, cursor });
        seen.push(...page.rows);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      // d4 is before the window, d5 a canary, d6 after it, d7 failed: only done production events in range.
      expect(seen.map((r) => r.seq)).toEqual([seqs[0], seqs[2], seqs[1], seqs[3]]);
      expect(seen[0]).toEqual({
        seq: seqs[0], timestampMs: 5_000, model: 'ft:llama-3-8b:acme', latencyMs: 100, input: 'prompt 0', output: expect.any(String), tools: null,
        features: { output_chars: 51 }, harmCategory: 'S2', refusal: 'comply', policyScore: 0.75, toxicity: 0.125, jailbreakTriggers: 2,
      });
      expect(seen[1]).toMatchObject({ tools: null, harmCategory: null, toxicity: null, jailbreakTriggers: 0 });
      expect(seen[2]).toMatchObject({ input: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'hi' }], tools: 'search, calc', refusal: null, policyScore: null });
      expect(seen[3]).toMatchObject({ latencyMs: null, features: undefined, refusal: 'refuse', harmCategory: null });
      await expect(store.listDetectionRows(w, { limit: 2, cursor: 'bogus' })).rejects.toMatchObject({ code: 'ARGUS_ERR_INVALID_QUERY' });
    });

    it('finds the earliest unanalysed event of a window', async () => {
      const outcomes = await store.insertEvents([7_000, 7_005, 7_002, 7_009].map((t, i) => makeEvent({ id: `u${i}`, timestampMs: t, deployment: 'wait' })));
      const w = { deployment: 'wait', source: 'production' as const, sinceMs: 7_001, untilMs: 7_009 };
      expect(await store.firstUnanalysedMs(w)).toBe(7_002);
      await store.saveAnalyses([{ seq: outcomes[2]!.seq!, status: 'done', analyzedMs: 1 }], [], sumMerge);
      expect(await store.firstUnanalysedMs(w)).toBe(7_005);
      await store.saveAnalyses([{ seq: outcomes[1]!.seq!, status: 'failed', analyzedMs: 1 }], [], sumMerge);
      expect(await store.firstUnanalysedMs(w)).toBeUndefined();
      expect(await store.firstUnanalysedMs({ ...w, source: 'canary' })).toBeUndefined();
    });

    it('rejects a cursor it did not issue', async () => {
      await expect(store.listEvents({ limit: 5, cursor: 'bogus' })).rejects.toMatchObject({ code: 'ARGUS_ERR_INVALID_QUERY' });
    });

    it('tracks pending analysis and folds aggregate deltas with the given merge', async () => {
      await store.insertEvents([makeEvent({ id: 'p1' }), makeEvent({ id: 'p2' }), makeEvent({ id: 'p3' })]);
      const pending = await store.pendingAnalysis(0, 10);
      expect(pending.map((e) => e.id)).toEqual(['p1', 'p2', 'p3']);
      const [p1, p2] = pending;
      const delta = { deployment: 'support-bot', source: 'production' as const, minuteMs: 60_000, data: { n: 2 } };
      await store.saveAnalyses([
        { seq: p1!.seq, status: 'done', analyzedMs: 5, features: { output_chars: 10 }, scores: { hedging: { score: 0.5 } } },
        { seq: p2!.seq, status: 'skipped', analyzedMs: 5 },
      ], [delta], sumMerge);
      await store.saveAnalyses([], [{ ...delta, data: { n: 3 } }], sumMerge, { analysis_cursor_seq: String(p2!.seq) });
      expect(await store.getSetting('analysis_cursor_seq')).toBe(String(p2!.seq));
      expect((await store.pendingAnalysis(0, 10)).map((e) => e.id)).toEqual(['p3']);
      expect((await store.getEvent('p1'))?.analysis).toMatchObject({ status: 'done', features: { output_chars: 10 }, scores: { hedging: { score: 0.5 } } });
      expect(await store.readAggregates({ fromMs: 0, toMs: 120_000 })).toEqual([{ ...delta, data: { n: 5 } }]);
      expect(await store.readAggregates({ fromMs: 60_001, toMs: 120_000 })).toEqual([]);
    });

    it('lists analysis states after a seq, in order, without texts', async () => {
      const outcomes = await store.insertEvents([
        makeEvent({ id: 's1', deployment: 'a', timestampMs: 1_000, receivedMs: 2_000 }), makeEvent({ id: 's2', deployment: 'b' }), makeEvent({ id: 's3' }),
      ]);
      const [q1, q2, q3] = outcomes.map((o) => o.seq!);
      await store.saveAnalyses([
        { seq: q1!, status: 'done', analyzedMs: 5, features: { output_chars: 10 }, scores: { hedging: { score: 0.5 } } },
        { seq: q2!, status: 'skipped', analyzedMs: 5 },
      ], [], sumMerge);
      expect(await store.listAnalysisStates(0, 10)).toEqual([
        { seq: q1, id: 's1', deployment: 'a', timestampMs: 1_000, receivedMs: 2_000, status: 'done', scores: { hedging: { score: 0.5 } } },
        { seq: q2, id: 's2', deployment: 'b', timestampMs: expect.any(Number), receivedMs: expect.any(Number), status: 'skipped', scores: undefined },
        { seq: q3, id: 's3', deployment: expect.any(String), timestampMs: expect.any(Number), receivedMs: expect.any(Number), status: undefined, scores: undefined },
      ]);
      expect((await store.listAnalysisStates(q1!, 1)).map((s) => s.id)).toEqual(['s2']);
      expect(await store.listAnalysisStates(q3!, 10)).toEqual([]);
    });

    it('keeps hourly and daily rollups equal to the merge of their minutes, across batches', async () => {
      expect(await store.getSetting(ROLLUPS_READY_SETTING)).toBe('1');
      const H = 3_600_000; const D = 86_400_000;
      const day0 = 20_000 * D;
      // Minutes spread over two days and three hours of each, two deployments, in three batches.
      const minutes = Array.from({ length: 60 }, (_, i) => ({
        deployment: i % 5 === 0 ? 'b' : 'a', source: 'production' as const,
        minuteMs: day0 + (i % 2) * D + (i % 3) * H + (i % 7) * 60_000, data: { n: i + 1 },
      }));
      for (let b = 0; b < 3; b++) await store.saveAnalyses([], minutes.slice(b * 20, b * 20 + 20), sumMerge);
      const expected = (res: number) => {
        const m = new Map<string, number>();
        for (const r of minutes) { const k = `${r.deployment}|${Math.floor(r.minuteMs / res) * res}`; m.set(k, (m.get(k) ?? 0) + r.data.n); }
        return [...m].map(([k, n]) => ({ deployment: k.split('|')[0], minuteMs: Number(k.split('|')[1]), n })).sort((x, y) => x.minuteMs - y.minuteMs || x.deployment!.localeCompare(y.deployment!));
      };
      const read = async (res: 60_000 | 3_600_000 | 86_400_000) => (await store.readAggregates({ source: 'production', fromMs: day0, toMs: day0 + 2 * D, resolutionMs: res }))
        .map((r) => ({ deployment: r.deployment, minuteMs: r.minuteMs, n: (r.data as { n: number }).n })).sort((x, y) => x.minuteMs - y.minuteMs || x.deployment.localeCompare(y.deployment));
      expect(await read(H)).toEqual(expected(H));
      expect(await read(D)).toEqual(expected(D));
      expect((await read(D)).reduce((s, r) => s + r.n, 0)).toBe((60 * 61) / 2);
      expect(await store.readAggregates({ deployment: 'b', fromMs: day0 + D, toMs: day0 + D + H, resolutionMs: H })).toEqual([
        { deployment: 'b', source: 'production', minuteMs: day0 + D, data: { n: expected(H).find((r) => r.deployment === 'b' && r.minuteMs === day0 + D)!.n } },
      ]);
      // A rebuild from the minutes gives the same rollups (no double counting) and reports the minutes read.
      const distinctMinutes = new Set(minutes.map((r) => `${r.deployment}|${r.minuteMs}`)).size;
      expect(await store.rebuildRollups!(sumMerge)).toBe(distinctMinutes);
      expect(await read(H)).toEqual(expected(H));
      expect(await read(D)).toEqual(expected(D));
    });

    it('lists deployments with counts', async () => {
      await store.insertEvents([makeEvent({ id: 'x', deployment: 'b' }), makeEvent({ id: 'y', deployment: 'a', timestampMs: 9 }), makeEvent({ id: 'z', deployment: 'a', timestampMs: 7 })]);
      expect(await store.listDeployments()).toEqual([{ deployment: 'a', events: 2, lastMs: 9 }, { deployment: 'b', events: 1, lastMs: 1_700_000_000_000 }]);
      expect(await store.listDeploymentNames!()).toEqual(['a', 'b']);
      await store.insertEvents(['z-last', 'A-upper', 'a-b', 'a'].map((d, i) => makeEvent({ id: `n${i}`, deployment: d })));
      expect(await store.listDeploymentNames!()).toEqual((await store.listDeployments()).map((d) => d.deployment));
    });

    it('keeps settings', async () => {
      expect(await store.getSetting('k')).toBeUndefined();
      await store.setSetting('k', 'v1');
      await store.setSetting('k', 'v2');
      expect(await store.getSetting('k')).toBe('v2');
    });
  });
}
