import type { Logger } from 'pino';
import { ROLLUPS_READY_SETTING } from '../adapters/storage/rollups.js';
import type { EventStore } from '../adapters/storage/types.js';
import { mergeMinuteAggregates, type MinuteAggregate } from '../core/aggregate/minute-aggregate.js';

/**
 * A store that held minute aggregates before rollups existed gets them rebuilt once, in the
 * background; until then the dashboard reads minutes (slower, same numbers).
 */
export async function ensureRollups(store: EventStore, logger: Logger): Promise<void> {
  if (!store.rebuildRollups || (await store.getSetting(ROLLUPS_READY_SETTING)) === '1') return;
  logger.info('building hourly and daily rollups from the minute aggregates; long dashboard ranges read minutes until this ends');
  const t0 = performance.now();
  const minutes = await store.rebuildRollups((a, b) => mergeMinuteAggregates(a as MinuteAggregate, b as MinuteAggregate));
  logger.info({ minutes, ms: Math.round(performance.now() - t0) }, 'rollups built');
}
