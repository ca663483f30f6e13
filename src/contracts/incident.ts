import { z } from 'zod';
import { INCIDENT_STATES, SEVERITY_LEVELS } from '../core/incidents/types.js';
import { durationMs } from './duration.js';

export const createIncidentBodySchema = z.object({
  deployment: z.string().min(1),
  severity: z.enum(SEVERITY_LEVELS).default('high'),
  title: z.string().min(1).max(500),
  actor: z.string().min(1).max(200).default('api'),
  note: z.string().max(4000).optional(),
}).strict();

export const transitionBodySchema = z.object({
  to: z.enum(INCIDENT_STATES),
  actor: z.string().min(1).max(200).default('api'),
  note: z.string().max(4000).optional(),
  /** On resolve: append the incident's flagged inputs to incidents.regression_suite_file (JSONL). */
  regression_suite: z.boolean().default(false),
  /** On resolve: record a proposed `incident` baseline from the last evidence window of traffic. */
  record_baseline: z.boolean().default(false),
}).strict();

export const ackBodySchema = z.object({ actor: z.string().min(1).max(200).default('api') }).strict();

export const incidentListQuerySchema = z.object({
  state: z.enum([...INCIDENT_STATES, 'active', 'all']).default('all'),
  deployment: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
}).strict();

/** `incidents:` — when alerts open incidents and where resolved ones leave their examples. */
export const incidentsConfigSchema = z.object({
  /** Alerts at or above this severity open an incident. */
  open_min_severity: z.enum(SEVERITY_LEVELS).default('high'),
  /** Regression suite that resolved incidents append to (suites/regression.jsonl format). */
  regression_suite_file: z.string().default('suites/regression.jsonl'),
  /** Flagged outputs kept as evidence. */
  evidence_samples: z.number().int().min(0).max(200).default(20),
  /** How far back evidence looks for flagged outputs and n-grams. */
  evidence_window: durationMs().prefault('6h'),
}).strict();
