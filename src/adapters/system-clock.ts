import type { Clock } from '../core/clock.js';

/** The wall clock; the composition root hands it to the core. */
export const systemClock: Clock = { now: () => Date.now() };
