import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createArgus, type Argus, type ArgusOptions } from '../../src/app/argus.js';
import { configSchema, type ArgusConfigInput } from '../../src/contracts/config.js';

/** A real Argus on a free port with its own temporary data dir. */
export async function startArgus(config: ArgusConfigInput = {}, extra: Partial<ArgusOptions> = {}): Promise<Argus & { url: string; dataDir: string }> {
  const dataDir = config.data_dir ?? mkdtempSync(join(tmpdir(), 'argus-test-'));
  const parsed = configSchema.parse({ ...config, data_dir: dataDir, server: { port: 0, ...config.server }, storage: { sqlite_synchronous: 'normal', ...config.storage }, pipeline: { analysis: 'inline', ...config.pipeline } });
  const argus = createArgus({ config: parsed, env: { ARGUS_USER_HASH_SECRET: 'test-secret-0123456789', ARGUS_UPSTREAM_API_KEY: 'sk-test-key' }, logger: pino({ level: 'silent' }), ...extra });
  const url = await argus.listen();
  return Object.assign(argus, { url, dataDir });
}
