import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the public training data lives: $ARGUS_DATA_DIR, else ../shared/data beside the repo.
 * The data is read in place and never copied into the repository.
 */
export function dataDir(): string {
  const fromEnv = process.env.ARGUS_DATA_DIR;
  const dir = fromEnv ? resolve(fromEnv) : resolve(process.cwd(), '..', 'shared', 'data');
  if (!existsSync(dir)) throw new Error(`training data folder ${dir} not found; set ARGUS_DATA_DIR`);
  return dir;
}

export function dataPath(...parts: string[]): string {
  return join(dataDir(), ...parts);
}
