import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import type { ResponseStore } from '../../adapters/storage/sqlite/response-store.js';
import type { EventStore } from '../../adapters/storage/types.js';
import type { AlertTransition } from '../../contracts/notify.js';
import type { Clock } from '../../core/clock.js';
import { ArgusError } from '../../core/errors.js';
import { isClosed, transitionIncident } from '../../core/incidents/state-machine.js';
import { emptyEvidence, severityAtLeast, SEVERITY_LEVELS, type Incident, type IncidentState, type SeverityLevel, type TimelineEntry } from '../../core/incidents/types.js';
import type { ReviewThresholds } from '../../core/review/rules.js';
import { flaggedSamples, ngramEvidence } from './evidence.js';
import type { MitigationController } from './mitigation-controller.js';

export interface IncidentManagerOptions {
  store: ResponseStore;
  events: EventStore;
  mitigation: MitigationController | undefined;
  clock: Clock;
  logger: Logger;
  openMinSeverity: SeverityLevel;
  evidenceSamples: number;
  evidenceWindowMs: number;
  regressionSuiteFile: string;
  reviewThresholds: ReviewThresholds;
  /** Records a proposed `incident` baseline for the deployment (the baseline side's API); returns its id. */
  recordIncidentBaseline?: ((deployment: string, incidentId: number, sinceMs: number, untilMs: number) => Promise<string>) | undefined;
}

const maxSeverity = (a: SeverityLevel, b: SeverityLevel): SeverityLevel => (SEVERITY_LEVELS.indexOf(a) >= SEVERITY_LEVELS.indexOf(b) ? a : b);

/**
 * Opens incidents from high and critical alerts (one active incident per deployment gathers all
 * its alerts), applies the mitigation policy for every firing transition, gathers evidence, and
 * runs the investigation workflow. Resolving can append the incident's flagged inputs to the
 * regression suite and record a proposed `incident` baseline.
 */
export function createIncidentManager(o: IncidentManagerOptions) {
  const { store, clock, logger } = o;
  const entry = (actor: string, kind: TimelineEntry['kind'], message: string, data?: Record<string, unknown>): TimelineEntry =>
    ({ atMs: clock.now(), actor, kind, message, ...(data ? { data } : {}) });

  function mustGet(id: number): Incident {
    const inc = store.getIncident(id);
    if (!inc) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no incident with id ${id}`);
    return inc;
  }

  async function gatherEvidence(inc: Incident): Promise<Incident> {
    const sinceMs = Math.min(inc.evidence.changePointMs ?? inc.openedMs, inc.openedMs) - o.evidenceWindowMs;
    const [samples, ngrams] = await Promise.all([
      flaggedSamples(store, o.events, inc.deployment, sinceMs, o.evidenceSamples),
      ngramEvidence(o.events, inc.deployment, sinceMs, o.reviewThresholds),
    ]);
    const next = { ...inc, updatedMs: clock.now(), evidence: { ...inc.evidence, samples, ngrams } };
    return store.saveIncident(next, [entry('argus', 'evidence', `evidence: ${samples.length} flagged outputs, ${ngrams.length} over-represented input n-grams`,
      { topNgrams: ngrams.slice(0, 5).map((n) => n.ngram) })]);
  }

  function mitigate(inc: Incident | undefined, t: AlertTransition): void {
    if (!o.mitigation) return;
    const created = o.mitigation.applyPolicy(t.deployment, t.severity, `alert:${t.alertId}`, t.explanation, inc?.id ?? null);
    if (inc && created.length > 0) {
      store.saveIncident({ ...mustGet(inc.id), updatedMs: clock.now() }, created.map((m) => entry(`alert:${t.alertId}`, 'mitigation',
        `${m.action} ${m.status === 'active' ? 'applied' : 'awaiting approval'} (mitigation ${m.id})`, { mitigationId: m.id, action: m.action, status: m.status })));
    }
  }

  async function onTransition(t: AlertTransition): Promise<Incident | undefined> {
    const actor = `alert:${t.alertId}`;
    const snapshot = { metric: t.metric, values: t.values, explanation: t.explanation, atMs: t.atMs };
    let inc = store.findActiveIncident(t.deployment);
    if (t.state === 'resolved') {
      if (inc) store.saveIncident({ ...inc, updatedMs: clock.now() }, [entry(actor, 'alert', `alert resolved: ${t.metric}`, { alertId: t.alertId })]);
      return inc;
    }
    if (severityAtLeast(t.severity, o.openMinSeverity)) {
      if (inc) {
        inc = store.saveIncident({ ...inc, severity: maxSeverity(inc.severity, t.severity), updatedMs: clock.now(), evidence: { ...inc.evidence, snapshots: [...inc.evidence.snapshots, snapshot] } },
          [entry(actor, 'alert', `${t.severity} alert: ${t.explanation}`, { alertId: t.alertId })]);
      } else {
        const nowMs = clock.now();
        inc = store.createIncident({
          deployment: t.deployment, severity: t.severity, state: 'open', title: `${t.metric} on ${t.deployment}`, alertId: t.alertId,
          openedBy: actor, openedMs: nowMs, updatedMs: nowMs, acknowledgedBy: null, acknowledgedMs: null,
          evidence: { ...emptyEvidence(), snapshots: [snapshot], changePointMs: t.startedMs },
        }, entry(actor, 'opened', `opened by a ${t.severity} alert: ${t.explanation}`, { alertId: t.alertId }));
        logger.warn({ incident: inc.id, deployment: t.deployment, severity: t.severity }, 'incident opened');
      }
    }
    // Mitigation first (it must take effect within this detection cycle), evidence after.
    mitigate(inc, t);
    if (inc && inc.evidence.samples.length === 0) {
      try { inc = await gatherEvidence(store.getIncident(inc.id) as Incident); } catch (err) { logger.error({ err, incident: inc.id }, 'gathering incident evidence failed'); }
    }
    return inc;
  }

  function appendRegression(inc: Incident): number {
    const file = o.regressionSuiteFile;
    const known = new Set<string>();
    if (existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try { known.add((JSON.parse(line) as { prompt: string }).prompt); } catch { /* a bad line is the suite owner's business */ }
      }
    }
    const lines = inc.evidence.samples
      .filter((s) => s.category !== null && s.category !== 'benign' && s.input.trim() !== '' && !known.has(s.input))
      .filter((s, i, all) => all.findIndex((x) => x.input === s.input) === i)
      .map((s, i) => JSON.stringify({ id: `regression-inc${inc.id}-${String(i + 1).padStart(3, '0')}`, prompt: s.input, category: s.category, expected: 'refuse', tags: ['harmful', 'regression', `incident:${inc.id}`] }));
    if (lines.length > 0) {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${lines.join('\n')}\n`);
    }
    return lines.length;
  }

  return {
    onTransition,
    get: mustGet,
    list: (q: { state?: string; deployment?: string; limit: number }) => store.listIncidents(q),
    async open(deployment: string, severity: SeverityLevel, title: string, actor: string, note?: string): Promise<Incident> {
      const nowMs = clock.now();
      const inc = store.createIncident({
        deployment, severity, state: 'open', title, alertId: null, openedBy: actor, openedMs: nowMs, updatedMs: nowMs,
        acknowledgedBy: null, acknowledgedMs: null, evidence: emptyEvidence(),
      }, entry(actor, 'opened', `opened by hand${note ? `: ${note}` : ''}`));
      return gatherEvidence(inc);
    },
    ack(id: number, actor: string): Incident {
      const inc = mustGet(id);
      if (isClosed(inc.state)) throw new ArgusError('ARGUS_ERR_CONFLICT', `incident ${id} is ${inc.state}; there is nothing to acknowledge`);
      return store.saveIncident({ ...inc, acknowledgedBy: actor, acknowledgedMs: clock.now(), updatedMs: clock.now() }, [entry(actor, 'acknowledged', `acknowledged by ${actor}`)]);
    },
    async transition(id: number, to: IncidentState, actor: string, opts: { note?: string | undefined; regressionSuite?: boolean; recordBaseline?: boolean } = {}): Promise<Incident> {
      const before = mustGet(id);
      const moved = transitionIncident(before, to, actor, clock.now(), opts.note);
      const extra: TimelineEntry[] = [];
      if (to === 'resolved' && opts.regressionSuite) {
        const n = appendRegression(moved);
        extra.push(entry(actor, 'remediation', `added ${n} prompts to ${o.regressionSuiteFile}`, { file: o.regressionSuiteFile, prompts: n }));
      }
      if (to === 'resolved' && opts.recordBaseline) {
        if (!o.recordIncidentBaseline) throw new ArgusError('ARGUS_ERR_CONFLICT', 'recording an incident baseline needs the detection store, which this process has not opened');
        const baselineId = await o.recordIncidentBaseline(moved.deployment, id, clock.now() - o.evidenceWindowMs, clock.now());
        extra.push(entry(actor, 'remediation', `recorded incident baseline ${baselineId} (proposed; activate it with argus baseline activate)`, { baselineId }));
      }
      return store.saveIncident(moved, [...moved.timeline.slice(before.timeline.length), ...extra]);
    },
    refreshEvidence: (id: number) => gatherEvidence(mustGet(id)),
  };
}

export type IncidentManager = ReturnType<typeof createIncidentManager>;
