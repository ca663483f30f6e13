import { workerData, parentPort } from 'node:worker_threads';
import { calibrateCusumInput, ewmaLimit, type Calibration, type CusumCalibrationInput, type EwmaCalibrationInput } from '../../core/detect/sequential.js';

/** Entry of a one-shot calibration thread (see calibrate-off-thread.ts): computes every input, answers once. */
const { cusums, ewmas } = workerData as { cusums: CusumCalibrationInput[]; ewmas: EwmaCalibrationInput[] };
try {
  const out: Array<[string, Calibration]> = [];
  for (const c of cusums) out.push([c.key, calibrateCusumInput(c)]);
  for (const e of ewmas) out.push([e.key, { L: ewmaLimit(e.lambda, e.arl0) }]);
  parentPort?.postMessage({ table: out });
} catch (err) {
  parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
}
