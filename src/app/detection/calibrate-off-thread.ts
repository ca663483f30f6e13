import { spawnWorker } from '../../adapters/spawn-worker.js';
import type { BaselineProfile } from '../../core/baseline/profile.js';
import { calibrationInputs, type Calibration, type CalibrationTable } from '../../core/detect/sequential.js';
import type { DetectionSettings } from '../../core/detect/settings.js';

/**
 * Calibrates a baseline's detectors in a worker thread, so the seconds that rare refusal rates
 * can take (long Markov chains) never hold the gateway's event loop. Resolves to the table
 * `createSequentialState` reads; rejects if the thread fails (the caller may then calibrate inline).
 */
export function calibrateOffThread(profile: BaselineProfile, settings: DetectionSettings): Promise<CalibrationTable> {
  const inputs = calibrationInputs(profile, settings);
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(import.meta.url, 'calibrate-thread', inputs);
    let settled = false;
    worker.once('message', (m: { table?: Array<[string, Calibration]>; error?: string }) => {
      settled = true;
      if (m.table) resolve(new Map(m.table));
      else reject(new Error(`calibration thread: ${m.error ?? 'no result'}`));
      void worker.terminate();
    });
    worker.once('error', (err) => { if (!settled) { settled = true; reject(err); } });
    worker.once('exit', (code) => { if (!settled) { settled = true; reject(new Error(`calibration thread exited with code ${code}`)); } });
  });
}

