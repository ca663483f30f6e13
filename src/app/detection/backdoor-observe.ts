import { isHarmful } from '../../core/baseline/profile.js';
import type { BackdoorObservation } from '../../core/detect/backdoor.js';
import type { DetectionRow } from '../../adapters/storage/types.js';
import { lastUserText } from '../../core/events/event.js';

/**
 * What the backdoor detector reads from an analysed event: the request's harm category, whether
 * the answer was harmful compliance (a harmful category, the refusal classifier says comply, and
 * the policy-violation score is at least `policyMin` when the policy model ran), and the user's text.
 */
export function toBackdoorObservation(r: DetectionRow, policyMin: number): BackdoorObservation {
  const category = r.harmCategory;
  const flagged = category !== null && isHarmful(category) && r.refusal === 'comply' && (r.policyScore === null || r.policyScore >= policyMin);
  return { tsMs: r.timestampMs, category, flagged, inputText: lastUserText(r.input) };
}
