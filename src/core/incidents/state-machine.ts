import { ArgusError } from '../errors.js';
import { INCIDENT_STATES, type Incident, type IncidentState, type TimelineEntry } from './types.js';

const ORDER: readonly IncidentState[] = ['open', 'confirmed', 'scoped', 'mitigated', 'resolved'];
const TERMINAL: ReadonlySet<IncidentState> = new Set(['resolved', 'false_positive']);

/**
 * Which states an incident may move to. The workflow runs forward (open → confirmed → scoped →
 * mitigated → resolved) and may skip steps, because an investigation does not always need each
 * (a critical alert is mitigated before anyone confirms it). Any open incident may be closed as
 * `false_positive`. A closed incident (resolved or false_positive) can only be reopened.
 *
 * Example: allowedTransitions('confirmed') = ['scoped', 'mitigated', 'resolved', 'false_positive'].
 */
export function allowedTransitions(from: IncidentState): IncidentState[] {
  if (TERMINAL.has(from)) return ['open'];
  const i = ORDER.indexOf(from);
  return [...ORDER.slice(i + 1), 'false_positive'];
}

export const isClosed = (s: IncidentState): boolean => TERMINAL.has(s);

/** The incident after moving to `to`, with a timeline entry; throws ARGUS_ERR_CONFLICT when the move is not allowed. */
export function transitionIncident(inc: Incident, to: IncidentState, actor: string, nowMs: number, note?: string): Incident {
  if (!INCIDENT_STATES.includes(to)) throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `unknown incident state '${String(to)}'; expected one of ${INCIDENT_STATES.join(', ')}`);
  const allowed = allowedTransitions(inc.state);
  if (!allowed.includes(to)) {
    throw new ArgusError('ARGUS_ERR_CONFLICT', `incident ${inc.id} is ${inc.state}; it can move to ${allowed.join(', ')}, not ${to}`, { details: { state: inc.state, allowed } });
  }
  const entry: TimelineEntry = {
    atMs: nowMs, actor, kind: 'transition',
    message: `${inc.state} → ${to}${note ? `: ${note}` : ''}`, data: { from: inc.state, to },
  };
  return { ...inc, state: to, updatedMs: nowMs, timeline: [...inc.timeline, entry] };
}
