import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { BaselineReason, BaselineSource, BaselineVersion } from '../../contracts/baseline.js';
import { buildBaselineProfile, type ProfileEvent } from '../../core/baseline/profile.js';
import { ArgusError } from '../../core/errors.js';
import type { EventRecord } from '../../core/events/event.js';
import type { Analyzer } from '../pipeline/analyzer.js';
import { toProfileEvent } from './observe.js';
import { runSuite, type SuiteItemIn, type SuiteRun, type SuiteTarget } from './suite-runner.js';

/**
 * Baselines from records that are not in the event store: a pre-deployment evaluation file
 * (`argus baseline create --from-eval`) or a prompt suite answered by an endpoint (`--suite
 * --target`). The records are analysed here with the same analyzer the pipeline uses (features
 * and the built-in classifiers), so the profile reads them exactly as it reads stored traffic.
 */
export async function analyseRecords(records: readonly EventRecord[], analyzer: Analyzer, onProgress?: (done: number, total: number) => void): Promise<ProfileEvent[]> {
  const out: ProfileEvent[] = [];
  for (const [i, r] of records.entries()) {
    const result = await analyzer.analyze({ ...r, seq: i + 1 });
    if (result.error !== undefined) throw new ArgusError('ARGUS_ERR_MODEL', `classifying record '${r.id}' failed: ${result.error}`);
    out.push(toProfileEvent({ ...r, seq: i + 1, analysis: { seq: i + 1, status: 'done', analyzedMs: 0, features: { ...result.features }, scores: result.scores } }));
    onProgress?.(i + 1, records.length);
    // Yield now and then so a progress bar and signals get a turn during a long file.
    if (i % 200 === 199) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return out;
}

export interface NewBaselineFromRecords {
  deployment: string;
  reason: BaselineReason;
  activate: boolean;
  nowMs: number;
  source: Omit<BaselineSource, 'events'>;
  note?: string | null;
}

/** Profiles analysed records and stores the profile as a new version (active or proposed). */
export async function createBaselineFromRecords(store: DetectionStore, events: readonly ProfileEvent[], b: NewBaselineFromRecords): Promise<BaselineVersion> {
  if (events.length === 0) throw new ArgusError('ARGUS_ERR_INVALID_DATA', `no records to build a baseline for '${b.deployment}' from`);
  const profile = buildBaselineProfile(events);
  return store.insertBaseline({
    deployment: b.deployment, reason: b.reason, status: b.activate ? 'active' : 'proposed', createdMs: b.nowMs, profile, note: b.note ?? null,
    source: { ...b.source, events: events.length },
  });
}

/**
 * The whole `--suite FILE --target URL` path in one call (also what the demo can use): ask the
 * target every suite prompt, analyse the answers, store the baseline. The answers count as
 * `evaluation` events; they are returned so a caller can also store them.
 */
export async function createBaselineFromSuite(store: DetectionStore, analyzer: Analyzer, o: NewBaselineFromRecords & {
  items: readonly SuiteItemIn[]; target: SuiteTarget; suiteFile: string; onAsked?: SuiteRun['onProgress']; onAnalysed?: (done: number, total: number) => void;
}): Promise<{ version: BaselineVersion; records: EventRecord[] }> {
  const records = await runSuite(o.items, o.target, { deployment: o.deployment, suiteName: o.suiteFile, nowMs: () => o.nowMs, ...(o.onAsked ? { onProgress: o.onAsked } : {}) });
  const analysed = await analyseRecords(records, analyzer, o.onAnalysed);
  const version = await createBaselineFromRecords(store, analysed, o);
  return { version, records };
}
