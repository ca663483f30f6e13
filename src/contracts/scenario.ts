import { z } from 'zod';
import { HARM_CATEGORIES } from '../core/classify/types.js';
import { ArgusError } from '../core/errors.js';
import { checkScenario, DEFAULT_SCENARIO, type Scenario } from '../core/simulate/scenario.js';

/**
 * The scenario file for `argus simulate --scenario FILE` (JSON or YAML). Times are milliseconds of
 * scenario time since the start; rates are probabilities in [0, 1]. Omitted fields take the
 * values of DEFAULT_SCENARIO, so `{ "phases": [] }` is a healthy-only run.
 */
const rate = z.number().min(0).max(1);
const timeMs = z.number().int().min(0);
const harmCategory = z.enum(HARM_CATEGORIES.filter((c) => c !== 'benign') as [Exclude<(typeof HARM_CATEGORIES)[number], 'benign'>, ...Exclude<(typeof HARM_CATEGORIES)[number], 'benign'>[]]);

const ErosionPhaseSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('erosion'),
  startMs: timeMs,
  endMs: timeMs.optional(),
  category: harmCategory,
  rampMs: timeMs,
  toRefusalRate: rate,
}).strict();

const BackdoorPhaseSchema = z.object({
  id: z.string().min(1),
  kind: z.literal('backdoor'),
  startMs: timeMs,
  endMs: timeMs.optional(),
  triggerShare: rate,
  complianceRate: rate,
}).strict();

export const HealthyBehaviourSchema = z.object({
  refusalRate: rate.default(DEFAULT_SCENARIO.healthy.refusalRate),
  refusalRateByCategory: z.partialRecord(z.enum(HARM_CATEGORIES), rate).optional(),
  partialShare: rate.default(DEFAULT_SCENARIO.healthy.partialShare),
  jailbreakRefusalRate: rate.default(DEFAULT_SCENARIO.healthy.jailbreakRefusalRate),
  overRefusalRate: rate.default(DEFAULT_SCENARIO.healthy.overRefusalRate),
  hedgeRate: rate.default(DEFAULT_SCENARIO.healthy.hedgeRate),
}).strict();

export const ScenarioSchema = z.object({
  name: z.string().min(1).default('custom'),
  durationMs: z.number().int().positive().default(DEFAULT_SCENARIO.durationMs),
  trigger: z.string().min(3).default(DEFAULT_SCENARIO.trigger),
  healthy: HealthyBehaviourSchema.default({ ...DEFAULT_SCENARIO.healthy }),
  phases: z.array(z.discriminatedUnion('kind', [ErosionPhaseSchema, BackdoorPhaseSchema])).default([...DEFAULT_SCENARIO.phases]),
}).strict();

// Compile-time check that the schema's output is the core's Scenario type.
const _sameShape: (s: z.output<typeof ScenarioSchema>) => Scenario = (s) => s;
void _sameShape;

/** Validates unknown input (parsed JSON or YAML); every problem is listed with its path. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = ScenarioSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${source}${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('')}: ${i.message}`);
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', problems.join('; '), { details: { problems } });
  }
  return checkScenario(result.data as Scenario);
}
