import pino from 'pino';
import { systemClock } from '../../adapters/system-clock.js';
import { loadConfig, type ConfigOverrides } from '../load-config.js';
import { openStore } from '../open-store.js';
import { createResponseSystem, type ResponseSystem } from './response.js';

/**
 * The response side for a CLI command: opens the config's stores (the same SQLite file a running
 * server uses; WAL lets both write), runs `fn`, closes. A server picks up mitigation changes made
 * this way within mitigation.refresh_interval.
 */
export async function withResponse<T>(configFile: string | undefined, overrides: ConfigOverrides, fn: (r: ResponseSystem) => Promise<T> | T): Promise<T> {
  const config = loadConfig(configFile, overrides);
  const events = openStore(config);
  const response = createResponseSystem({ config, events, env: process.env, clock: systemClock, logger: pino({ level: 'error' }, pino.destination(2)) });
  try {
    return await fn(response);
  } finally {
    await response.stop();
    await events.close();
  }
}
