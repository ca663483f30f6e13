import { isHarmful } from '../../core/baseline/profile.js';
import type { BackdoorObservation } from '../../core/detect/backdoor.js';
import { lastUserText, type EventAnalysis, type StoredEvent } from '../../core/events/event.js';

/**
 * What the backdoor detector reads from an analysed event: the request's harm category, whether
 * the answer was harmful compliance (a harmful category, the refusal classifier says comply, and
 * the policy-violation score is at least `policyMin` when the policy model ran), and the user's text.
 */
export function toBackdoorObservation(e: StoredEvent & { analysis?: EventAnalysis | undefined }, policyMin: number): BackdoorObservation {
  const sc = e.analysis?.scores;
  const category = sc?.harm_category?.top ?? null;
  const policy = sc?.policy_violation?.score;
  const flagged = category !== null && isHarmful(category) && sc?.refusal?.label === 'comply' && (policy === undefined || policy >= policyMin);
  return { tsMs: e.timestampMs, category, flagged, inputText: lastUserText(e.input) };
}
