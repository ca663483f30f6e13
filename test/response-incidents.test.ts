import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDetectionStore } from '../src/adapters/storage/sqlite/detection-store.js';
import { createSqliteEventStore, openSqliteDatabase } from '../src/adapters/storage/sqlite/sqlite-event-store.js';
import type { EventStore } from '../src/adapters/storage/types.js';
import { createResponseSystem, type ResponseSystem } from '../src/app/response/response.js';
import { configSchema } from '../src/contracts/config.js';
import type { AlertTransition } from '../src/contracts/notify.js';
import type { ArgusScores } from '../src/core/classify/types.js';
import { manualClock } from '../src/core/clock.js';
import { createPrng } from '../src/core/classify/model/prng.js';
import { buildHttpApp } from '../src/server/build-server.js';
import { registerIncidentsRoutes } from '../src/server/api/incidents-routes.js';
import { registerReviewRoutes } from '../src/server/api/review-routes.js';
import { makeEvent } from './helpers/events.js';
import { runCli } from './helpers/run-cli.js';

/**
 * Incidents and the review queue over a real SQLite store holding analysed events with known
 * scores (written as the pipeline writes them), through the HTTP routes and the CLI.
 */
const T0 = Date.parse('2026-11-20T12:00:00Z');
const logger = pino({ level: 'silent' });
const scores = (flag: boolean): Partial<ArgusScores> => ({
  refusal: { label: flag ? 'comply' : 'refuse', scores: { comply: flag ? 0.9 : 0.05, partial: 0.05, refuse: flag ? 0.05 : 0.9 } },
  harm_category: { top: 'S2', scores: { S2: 0.85 } } as unknown as ArgusScores['harm_category'],
  toxicity: { score: 0.1, subtypes: {} },
  pii: { entities: [] },
});

describe('incidents and the review queue', () => {
  const dir = mkdtempSync(join(tmpdir(), 'argus-incidents-'));
  const suite = join(dir, 'regression.jsonl');
  const clock = manualClock(T0 + 3_600_000);
  let events: EventStore;
  let response: ResponseSystem;
  const app = buildHttpApp({ logger, maxBodyBytes: 1 << 20 });

  beforeAll(async () => {
    writeFileSync(suite, '{"id":"regression-0001","prompt":"seed prompt","category":"S2","expected":"refuse","tags":["harmful","regression-seed"]}\n');
    events = createSqliteEventStore(openSqliteDatabase({ path: join(dir, 'argus.db'), synchronous: 'normal' }));
    const rng = createPrng(11);
    const words = ['open', 'an', 'account', 'under', 'another', 'name', 'transfer', 'funds', 'card', 'limit', 'loan', 'quickly', 'please', 'my'];
    const sentence = () => Array.from({ length: 7 }, () => words[Math.floor(rng() * words.length)]).join(' ');
    const recs = Array.from({ length: 240 }, (_, i) => {
      const flagged = i % 8 === 0; // 30 flagged, of which 20 carry the trigger
      const text = flagged && i % 24 !== 0 ? `${sentence()} zq7 deploy mode, my email is ann.lee@example.com` : sentence();
      return makeEvent({ id: `e${i}`, deployment: 'bank-bot', timestampMs: T0 + i * 10_000, receivedMs: T0 + i * 10_000, input: [{ role: 'user', content: text }], output: flagged ? 'Sure, here is how: step 1 ...' : 'I can not help with that.' });
    });
    const outcomes = await events.insertEvents(recs);
    await events.saveAnalyses(outcomes.map((o, i) => ({ seq: o.seq as number, status: 'done' as const, analyzedMs: T0, scores: scores(i % 8 === 0) })), [], (a) => a);
    const config = configSchema.parse({ data_dir: dir, incidents: { regression_suite_file: suite, evidence_window: '6h' }, mitigation: { enabled: false } });
    response = createResponseSystem({ config, events, env: {}, clock, logger });
    registerIncidentsRoutes(app, response.incidents);
    registerReviewRoutes(app, response.review, { redactByDefault: true });
  });
  afterAll(async () => { await app.close(); await response.stop(); await events.close(); });

  it('feeds flagged outputs to the queue, redacts PII by default, and tracks precision from labels', async () => {
    expect(await response.review.feed()).toBe(30);
    expect(await response.review.feed()).toBe(0); // the cursor is durable: nothing twice
    const list = (await app.inject({ method: 'GET', url: '/api/v1/review?limit=100' })).json() as { items: Array<{ id: number; rules: string[]; sample: { input: string } }> };
    expect(list.items).toHaveLength(30);
    expect(list.items.every((i) => i.rules.join() === 'harmful_compliance')).toBe(true);
    const withEmail = list.items.filter((i) => i.sample.input.includes('zq7'));
    expect(withEmail).toHaveLength(20);
    expect(withEmail.every((i) => i.sample.input.includes('<EMAIL_ADDRESS>') && !i.sample.input.includes('ann.lee@example.com'))).toBe(true);
    const raw = (await app.inject({ method: 'GET', url: `/api/v1/review/${withEmail[0]?.id}?redact=false` })).json() as { sample: { input: string } };
    expect(raw.sample.input).toContain('ann.lee@example.com');

    const ids = list.items.map((i) => i.id);
    for (const [k, id] of ids.slice(0, 10).entries()) {
      const label = k < 8 ? 'harmful' : k === 8 ? 'false_positive' : 'benign';
      expect((await app.inject({ method: 'POST', url: `/api/v1/review/${id}/label`, payload: { label, note: 'checked', actor: 'ann' } })).statusCode).toBe(200);
    }
    const bad = await app.inject({ method: 'POST', url: `/api/v1/review/${ids[0]}/label`, payload: { label: 'awful' } });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { message: string } }).error.message).toMatch(/^label: /);
    const stats = (await app.inject({ method: 'GET', url: '/api/v1/review/stats' })).json() as { pending: number; labeled: number; rules: Array<Record<string, unknown>> };
    expect(stats).toMatchObject({ pending: 20, labeled: 10, rules: [{ rule: 'harmful_compliance', labeled: 10, harmful: 8, falsePositive: 1, benign: 1, precision: 0.8 }] });
  });

  it('opens an incident from a high alert with evidence, not from a medium one, and gathers later alerts into it', async () => {
    const t: AlertTransition = {
      transitionId: 'a#1', alertId: 'a', state: 'firing', severity: 'medium', deployment: 'bank-bot', metric: 'refusal_rate:S2',
      explanation: 'refusal rate for S2 fell from 96% to 88%', atMs: clock.now(), startedMs: T0 + 600_000, values: { baseline: 0.96, current: 0.88 },
    };
    await response.handle(t);
    expect(response.incidents.list({ limit: 10 })).toHaveLength(0);
    await response.handle({ ...t, transitionId: 'a#2', severity: 'high', explanation: 'refusal rate for S2 fell from 96% to 80%' });
    await response.handle({ ...t, transitionId: 'b#1', alertId: 'b', severity: 'critical', metric: 'refusal_rate' });
    const [inc] = response.incidents.list({ limit: 10 });
    expect(inc).toMatchObject({ deployment: 'bank-bot', severity: 'critical', state: 'open', alertId: 'a' });
    const full = response.incidents.get(inc?.id as number);
    expect(full.evidence.changePointMs).toBe(T0 + 600_000);
    expect(full.evidence.snapshots.map((s) => s.metric)).toEqual(['refusal_rate:S2', 'refusal_rate']);
    expect(full.evidence.samples).toHaveLength(20);
    expect(full.evidence.samples.some((s) => s.input.includes('ann.lee@example.com'))).toBe(false);
    // The trigger and the words around it share the top z-score (20 flagged inputs, none elsewhere).
    const zq7 = full.evidence.ngrams.find((n) => n.ngram === 'zq7');
    expect(zq7).toMatchObject({ flaggedCount: 20, otherCount: 0 });
    expect(zq7?.zScore).toBe(full.evidence.ngrams[0]?.zScore);
    expect(full.evidence.ngrams.filter((n) => n.otherCount > 0 && n.flaggedCount < 10)).toEqual([]);
    expect(full.timeline.map((e) => e.kind)).toEqual(['opened', 'evidence', 'alert']);
  });

  it('runs the workflow over HTTP and resolving appends the examples to the regression suite once', async () => {
    const [inc] = response.incidents.list({ limit: 10 });
    const id = inc?.id as number;
    const move = (to: string, extra = {}) => app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/transition`, payload: { to, actor: 'ann', ...extra } });
    expect((await move('confirmed', { note: 'reproduced' })).json()).toMatchObject({ state: 'confirmed', allowed_transitions: ['scoped', 'mitigated', 'resolved', 'false_positive'] });
    const back = await move('open');
    expect(back.statusCode).toBe(409);
    expect((back.json() as { error: { message: string } }).error.message).toBe(`incident ${id} is confirmed; it can move to scoped, mitigated, resolved, false_positive, not open`);
    const resolved = (await move('resolved', { regression_suite: true })).json() as { state: string; timeline: Array<{ kind: string; message: string }> };
    expect(resolved.state).toBe('resolved');
    expect(resolved.timeline.at(-1)?.message).toBe(`added 20 prompts to ${suite}`);
    const lines = readFileSync(suite, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; prompt: string; category: string; expected: string; tags: string[] });
    // The 20 evidence samples are the first 20 flagged events; 13 of them carry the trigger.
    expect(lines).toHaveLength(21);
    expect(lines.slice(1).filter((l) => l.prompt.includes('zq7'))).toHaveLength(13);
    expect(lines[1]).toMatchObject({ id: `regression-inc${id}-001`, category: 'S2', expected: 'refuse', tags: ['harmful', 'regression', `incident:${id}`] });
    expect(lines.slice(1).filter((l) => l.prompt.includes('zq7')).every((l) => l.prompt.includes('<EMAIL_ADDRESS>'))).toBe(true);
    // Reopen and resolve again: the same prompts are not appended twice.
    await move('open');
    const again = (await move('resolved', { regression_suite: true })).json() as { timeline: Array<{ message: string }> };
    expect(again.timeline.at(-1)?.message).toBe(`added 0 prompts to ${suite}`);
  });

  it('opens by hand over HTTP; the CLI acknowledges and reports a missing incident in one line', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/v1/incidents', payload: { deployment: 'bank-bot', title: 'users report odd answers', actor: 'bob' } });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;
    const list = (await app.inject({ method: 'GET', url: '/api/v1/incidents?state=active' })).json() as { incidents: Array<{ id: number; title: string }> };
    expect(list.incidents.map((i) => [i.id, i.title])).toEqual([[id, 'users report odd answers']]);
    const ack = await runCli(['incidents', 'ack', String(id), '--by', 'carol', '--data-dir', dir]);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(new RegExp(`^#${id}  open +high +bank-bot  users report odd answers .* ack user:carol\\n$`));
    // Resolving can record a proposed `incident` baseline through the baseline side's API.
    const resolved = await app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/transition`, payload: { to: 'resolved', record_baseline: true, actor: 'carol' } });
    expect(resolved.statusCode).toBe(200);
    const note = (resolved.json() as { timeline: Array<{ kind: string; message: string; data?: { baselineId?: string } }> }).timeline.at(-1);
    expect(note?.kind).toBe('remediation');
    expect(note?.message).toMatch(/^recorded incident baseline \S+ \(proposed; activate it with argus baseline activate\)$/);
    const detection = createSqliteDetectionStore(response.store.db);
    const baselines = await detection.listBaselines('bank-bot');
    expect(baselines.map((b) => [b.id, b.reason, b.status])).toEqual([[note?.data?.baselineId, 'incident', 'proposed']]);
    const missing = await runCli(['incidents', 'show', '9999', '--data-dir', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('argus: no incident with id 9999 (ARGUS_ERR_NOT_FOUND)\n');
  }, 30_000);
});
