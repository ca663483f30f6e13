import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArgusError } from '../errors.js';
import { allowedTransitions, isClosed, transitionIncident } from './state-machine.js';
import { emptyEvidence, INCIDENT_STATES, type Incident, type IncidentState } from './types.js';

const incident = (state: IncidentState): Incident => ({
  id: 7, deployment: 'bot', severity: 'high', state, title: 't', alertId: null, openedBy: 'me', openedMs: 0, updatedMs: 0,
  acknowledgedBy: null, acknowledgedMs: null, evidence: emptyEvidence(), timeline: [],
});

describe('incident state machine', () => {
  it('follows the workflow forward and records each move', () => {
    let inc = incident('open');
    for (const [to, t] of [['confirmed', 1], ['scoped', 2], ['mitigated', 3], ['resolved', 4]] as const) inc = transitionIncident(inc, to, 'ann', t);
    expect(inc.state).toBe('resolved');
    expect(inc.updatedMs).toBe(4);
    expect(inc.timeline.map((e) => e.message)).toEqual(['open → confirmed', 'confirmed → scoped', 'scoped → mitigated', 'mitigated → resolved']);
  });

  it('refuses to go backwards with a conflict naming the allowed states', () => {
    const err = (() => { try { transitionIncident(incident('mitigated'), 'confirmed', 'ann', 1); } catch (e) { return e; } return undefined; })();
    expect(err).toBeInstanceOf(ArgusError);
    expect((err as ArgusError).code).toBe('ARGUS_ERR_CONFLICT');
    expect((err as ArgusError).message).toBe('incident 7 is mitigated; it can move to resolved, false_positive, not confirmed');
  });

  it('closed incidents only reopen; open ones can always be called a false positive', () => {
    expect(allowedTransitions('resolved')).toEqual(['open']);
    expect(allowedTransitions('false_positive')).toEqual(['open']);
    expect(allowedTransitions('open')).toEqual(['confirmed', 'scoped', 'mitigated', 'resolved', 'false_positive']);
  });

  it('never allows a self-transition and every allowed move succeeds', () => {
    fc.assert(fc.property(fc.constantFrom(...INCIDENT_STATES), (from) => {
      const allowed = allowedTransitions(from);
      expect(allowed).not.toContain(from);
      for (const to of allowed) expect(transitionIncident(incident(from), to, 'x', 1).state).toBe(to);
      for (const to of INCIDENT_STATES.filter((s) => !allowed.includes(s))) expect(() => transitionIncident(incident(from), to, 'x', 1)).toThrow(ArgusError);
      expect(isClosed(from)).toBe(from === 'resolved' || from === 'false_positive');
    }));
  });
});
