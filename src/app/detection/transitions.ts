import type { AlertTransition } from '../../core/detect/alerts.js';

export type AlertTransitionListener = (t: AlertTransition) => void | Promise<void>;

/**
 * The typed callback list through which incidents, notifiers and mitigation hear about alert
 * transitions. Made once at composition and passed to the engine (no global emitter). Listeners
 * run in subscription order after the transition is committed; one that throws or rejects is
 * reported to `onError` and does not stop the others. Transitions also stay in the store
 * (`DetectionStore.listTransitions(afterSeq)`), so a subscriber that needs at-least-once delivery
 * across restarts keeps its own cursor on `seq` and catches up from there.
 */
export interface AlertTransitionBus {
  subscribe(listener: AlertTransitionListener): () => void;
  publish(transitions: readonly AlertTransition[]): Promise<void>;
}

export function createAlertTransitionBus(onError: (err: unknown, t: AlertTransition) => void = () => undefined): AlertTransitionBus {
  const listeners: AlertTransitionListener[] = [];
  return {
    subscribe(listener) {
      listeners.push(listener);
      return () => { const i = listeners.indexOf(listener); if (i >= 0) listeners.splice(i, 1); };
    },
    async publish(transitions) {
      for (const t of transitions) {
        for (const l of [...listeners]) {
          try { await l(t); } catch (err) { onError(err, t); }
        }
      }
    },
  };
}
