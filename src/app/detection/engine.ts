import type { EventStore } from '../../adapters/storage/types.js';
import type { DetectionStore } from '../../adapters/storage/sqlite/detection-store.js';
import type { BaselineVersion } from '../../contracts/baseline.js';
import type { Clock } from '../../core/clock.js';
import { alarmToFinding, withChangepoint } from '../../core/detect/alarm-finding.js';
import { escalateCritical, reconcileAlerts, type AlertTransition } from '../../core/detect/alerts.js';
import { addBackdoorObservation, createBackdoorState, evaluateBackdoor, type BackdoorState } from '../../core/detect/backdoor.js';
import { backdoorFinding } from '../../core/detect/backdoor-finding.js';
import { addObservation, emptyMinuteRecord, mergeMinuteRecords, type MinuteRecord } from '../../core/detect/minute-record.js';
import { createSequentialState, updateCusums, updateWindowEwmas, type CalibrationTable, type SequentialAlarm, type SequentialState } from '../../core/detect/sequential.js';
import { DEFAULT_DETECTION_SETTINGS, type DetectionSettings } from '../../core/detect/settings.js';
import type { Finding } from '../../core/detect/types.js';
import { evaluateWindow } from '../../core/detect/window-rules.js';
import { createMinuteHistory } from './minute-history.js';
import { forEachObservation } from './read-observations.js';
import type { AlertTransitionBus } from './transitions.js';

const MINUTE_MS = 60_000;
const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

export interface DetectionEngineOptions {
  events: EventStore;
  store: DetectionStore;
  clock: Clock;
  bus: AlertTransitionBus;
  settings?: DetectionSettings;
  /** Tumbling windows the rules and tests run over; the smallest also paces the EWMAs. Default 5m, 1h, 1d. */
  windowsMs?: number[];
  /** How often `start()` runs a detection cycle. Default 1 minute. */
  intervalMs?: number;
  /** A shorter interval for one deployment (boost_monitoring while it is active), else undefined. */
  intervalFor?: (deployment: string) => number | undefined;
  /** How often `start()`'s timer looks for deployments that are due. Default: intervalMs. */
  tickMs?: number;
  /** More findings for a run (e.g. a change of deployment context), reconciled into alerts with the rest. */
  extraFindings?: (run: { deployment: string; baseline: BaselineVersion; history: readonly MinuteRecord[]; nowMs: number }) => Promise<Finding[]>;
  /** A minute is processed once it is this far in the past (late events inside it are still counted). Default 1 minute. */
  latenessMs?: number;
  /** An open alert with no supporting finding for this long resolves. Default 30 minutes. */
  resolveAfterMs?: number;
  /** Minute history searched for change points. Default 6 hours. */
  lookbackMs?: number;
  /** Longest the engine waits for an event's analysis before going on without it. Default 10 minutes. */
  maxAnalysisWaitMs?: number;
  onError?: (err: unknown, deployment: string) => void;
  /**
   * Calibrates a new baseline's detectors (seconds for rare refusal rates): the server passes
   * `calibrateOffThread` so its event loop stays free. Default, or if it fails: inline.
   */
  calibrate?: (profile: BaselineVersion['profile'], settings: DetectionSettings) => Promise<CalibrationTable>;
}

/** What a detection run keeps between runs (JSON in detector_state). */
interface EngineState {
  version: 1;
  baselineId: string;
  processedUntilMs: number;
  windowEndMs: Record<string, number>;
  sequential: SequentialState;
}

export interface DetectionEngine {
  /** One detection cycle over every deployment with an active baseline; resolves to the transitions it committed. */
  runOnce(): Promise<AlertTransition[]>;
  runDeployment(deployment: string): Promise<AlertTransition[]>;
  start(): void;
  stop(): Promise<void>;
}

/**
 * The detection engine. Per deployment with an active baseline, each run reads the production
 * events (never canary, evaluation or shadow) of the minutes that closed since the last run,
 * feeds them in time order to the event-level CUSUMs, folds them into per-minute records,
 * evaluates every tumbling window that closed, turns alarms into findings (with change points),
 * folds findings into alerts, commits all of it in one transaction, then publishes the
 * transitions. Detector state is stored, so a restart continues where the last run stopped.
 */
export function createDetectionEngine(o: DetectionEngineOptions): DetectionEngine {
  const settings = o.settings ?? DEFAULT_DETECTION_SETTINGS;
  const windowsMs = [...(o.windowsMs ?? [5 * MINUTE_MS, 60 * MINUTE_MS, 1440 * MINUTE_MS])].sort((a, b) => a - b);
  const smallest = windowsMs[0] as number;
  const latenessMs = o.latenessMs ?? MINUTE_MS;
  const resolveAfterMs = o.resolveAfterMs ?? 30 * MINUTE_MS;
  const lookbackMs = Math.max(o.lookbackMs ?? 6 * 60 * MINUTE_MS, windowsMs.at(-1) as number);
  const maxWaitMs = o.maxAnalysisWaitMs ?? 10 * MINUTE_MS;

  // A new baseline's calibration, kept until its first run commits a state (the runs before that,
  // while its first minute has not closed, would otherwise calibrate again each time).
  const calibrations = new Map<string, Promise<CalibrationTable | undefined>>();
  const calibrationFor = (b: BaselineVersion, deployment: string): Promise<CalibrationTable | undefined> => {
    let table = calibrations.get(b.id);
    if (!table) {
      table = (o.calibrate?.(b.profile, settings) ?? Promise.resolve(undefined)).catch((err: unknown) => {
        (o.onError ?? (() => undefined))(new Error(`calibrating off the event loop failed, so inline: ${err instanceof Error ? err.message : String(err)}`), deployment);
        return undefined;
      });
      if (calibrations.size >= 100) calibrations.clear();
      calibrations.set(b.id, table);
    }
    return table;
  };
  const initState = async (b: BaselineVersion, deployment: string): Promise<EngineState> => {
    const startMs = floorTo(b.activatedMs ?? b.createdMs, MINUTE_MS);
    const table = await calibrationFor(b, deployment);
    return {
      version: 1, baselineId: b.id, processedUntilMs: startMs,
      windowEndMs: Object.fromEntries(windowsMs.map((w) => [String(w), Math.ceil(startMs / w) * w])),
      sequential: createSequentialState(b.profile, settings, startMs, table),
    };
  };

  const minutes = createMinuteHistory(o.store);
  // The backdoor detector's n-gram counts stay in memory (too large for the stored state); after a
  // restart or a new baseline it starts again with a fresh warm-up.
  const backdoors = new Map<string, { baselineId: string; untilMs: number; state: BackdoorState }>();
  const backdoorFor = (deployment: string, baselineId: string, fromMs: number): { baselineId: string; untilMs: number; state: BackdoorState } => {
    const cur = backdoors.get(deployment);
    if (cur && cur.baselineId === baselineId && cur.untilMs === fromMs) return cur;
    const fresh = { baselineId, untilMs: fromMs, state: createBackdoorState() };
    backdoors.set(deployment, fresh);
    return fresh;
  };

  async function runDeployment(deployment: string): Promise<AlertTransition[]> {
    const baseline = await o.store.activeBaseline(deployment);
    if (!baseline) return [];
    const nowMs = o.clock.now();
    const saved = await o.store.loadDetectorState(deployment);
    const parsed = saved ? (JSON.parse(saved.stateJson) as EngineState) : undefined;
    const st = parsed && parsed.baselineId === baseline.id ? parsed : await initState(baseline, deployment);
    let untilMs = floorTo(nowMs - latenessMs, MINUTE_MS);
    if (untilMs <= st.processedUntilMs) return [];
    const profile = baseline.profile;
    // Wait for analyses still in flight (up to maxWaitMs), so no event is judged without scores.
    const waitingFromMs = await o.events.firstUnanalysedMs({ deployment, source: 'production', sinceMs: Math.max(st.processedUntilMs, nowMs - maxWaitMs), untilMs });
    if (waitingFromMs !== undefined) {
      untilMs = floorTo(waitingFromMs, MINUTE_MS);
      if (untilMs <= st.processedUntilMs) return [];
    }
    const fresh = new Map<number, MinuteRecord>();
    const alarms: SequentialAlarm[] = [];
    const bd = backdoorFor(deployment, baseline.id, st.processedUntilMs);
    bd.untilMs = NaN; // matches no run until this one has fed it every event, so a failed read starts it afresh
    await forEachObservation(o.events, { deployment, sinceMs: st.processedUntilMs, untilMs, profile, policyMin: settings.backdoor.policyMin }, (obs, backdoor) => {
      const m = floorTo(obs.tsMs, MINUTE_MS);
      let rec = fresh.get(m);
      if (!rec) { rec = emptyMinuteRecord(m, profile); fresh.set(m, rec); }
      addObservation(rec, obs, profile);
      for (const a of updateCusums(st.sequential, obs)) alarms.push(a);
      addBackdoorObservation(bd.state, backdoor, settings.backdoor);
    });
    const older = await minutes.read(deployment, baseline.id, untilMs - lookbackMs, st.processedUntilMs);
    const history = [...older, ...[...fresh.values()].sort((a, b) => a.minuteMs - b.minuteMs)];
    const findings: Finding[] = [];
    for (const w of windowsMs) {
      const last = st.windowEndMs[String(w)] ?? Math.ceil(st.processedUntilMs / w) * w;
      for (let end = last + w; end <= untilMs; end += w) {
        const recs = history.filter((r) => r.minuteMs >= end - w && r.minuteMs < end);
        st.windowEndMs[String(w)] = end;
        if (recs.length === 0) continue;
        const merged = recs.reduce(mergeMinuteRecords);
        findings.push(...evaluateWindow(deployment, profile, merged, { startMs: end - w, endMs: end, windowMs: w }, settings));
        if (w === smallest) alarms.push(...updateWindowEwmas(st.sequential, profile, merged, end, settings.minSamples.rate));
      }
    }
    for (const a of alarms) findings.push(alarmToFinding(deployment, a, profile, settings, history.filter((r) => r.minuteMs < a.atMs)));
    for (let end = st.processedUntilMs + MINUTE_MS; end <= untilMs; end += MINUTE_MS) {
      const ev = evaluateBackdoor(bd.state, end, settings.falseAlarmRatePerWindow, settings.backdoor);
      if (ev.signals.length > 0) findings.push(backdoorFinding(deployment, ev, end, settings.backdoor));
    }
    bd.untilMs = untilMs;
    if (o.extraFindings) findings.push(...await o.extraFindings({ deployment, baseline, history, nowMs }));
    const all = escalateCritical(findings.map((f) => withChangepoint(f, history)));
    const { alerts, transitions } = reconcileAlerts(await o.store.openAlerts(deployment), all, baseline.id, nowMs, resolveAfterMs);
    st.processedUntilMs = untilMs;
    const committed = await o.store.commitRun({
      deployment, baselineId: baseline.id, stateJson: JSON.stringify(st), nowMs, minutes: [...fresh.values()], alerts, transitions,
    });
    minutes.keep(deployment, baseline.id, untilMs - lookbackMs, untilMs, history);
    calibrations.delete(baseline.id);
    await o.bus.publish(committed);
    return committed;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const intervalMs = o.intervalMs ?? MINUTE_MS;
  const tickMs = o.tickMs ?? intervalMs;
  const lastRunMs = new Map<string, number>();
  const run = async (due: (d: string, nowMs: number) => boolean) => {
    const out: AlertTransition[] = [];
    for (const d of await o.store.deploymentsWithActiveBaseline()) {
      const nowMs = o.clock.now();
      if (!due(d, nowMs)) continue;
      lastRunMs.set(d, nowMs);
      try {
        out.push(...(o.store.whileLeading ? await o.store.whileLeading(d, () => runDeployment(d)) ?? [] : await runDeployment(d)));
      } catch (err) { (o.onError ?? (() => undefined))(err, d); }
    }
    return out;
  };
  const runOnce = () => run(() => true);
  // Due once its interval (a boosted one is shorter) has passed; half a tick of slack absorbs timer jitter.
  const isDue = (d: string, nowMs: number) => {
    const last = lastRunMs.get(d);
    return last === undefined || nowMs - last >= Math.min(intervalMs, o.intervalFor?.(d) ?? intervalMs) - tickMs / 2;
  };
  return {
    runOnce, runDeployment,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        running = run(isDue).finally(() => { busy = false; });
      }, tickMs);
      timer.unref?.();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running.catch(() => undefined);
    },
  };
}
