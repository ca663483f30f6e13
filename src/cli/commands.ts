import type { Command } from 'commander';
import { registerAlerts } from './alerts.js';
import { registerAuth } from './auth.js';
import { registerBaseline } from './baseline.js';
import { registerDemo } from './demo.js';
import { registerChangepoints } from './changepoints.js';
import { registerClassify } from './classify.js';
import { registerConfig } from './config-check.js';
import { registerDrift } from './drift.js';
import { registerExport } from './export.js';
import { registerImport } from './import.js';
import { registerIncidents } from './incidents.js';
import { registerMitigate } from './mitigate.js';
import { registerReview } from './review.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerTraffic } from './traffic.js';
import { registerTrain } from './train.js';

/** Every CLI command registers itself here: one file per command, one line per file. */
export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [
  registerBaseline,
  registerAlerts,
  registerDemo,
  registerClassify,
  registerTrain,
  registerServe,
  registerImport,
  registerConfig,
  registerChangepoints,
  registerDrift,
  registerSimulate,
  registerTraffic,
  registerExport,
  registerIncidents,
  registerMitigate,
  registerReview,
  registerAuth,
];
