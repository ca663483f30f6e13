import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parseScenario } from '../../contracts/scenario.js';
import { ArgusError } from '../../core/errors.js';
import { DEFAULT_SCENARIO, type Scenario } from '../../core/simulate/scenario.js';

/**
 * Reads a scenario for `--scenario FILE|default`: 'default' is DEFAULT_SCENARIO; a file is JSON or
 * YAML (by content), validated by the zod contract, every problem reported with its path.
 */
export function loadScenario(spec: string | undefined): Scenario {
  if (spec === undefined || spec === 'default') return DEFAULT_SCENARIO;
  let text: string;
  try {
    text = readFileSync(spec, 'utf8');
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `cannot read scenario file '${spec}': ${(err as Error).message}`, { cause: err });
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `scenario file '${spec}' is neither JSON nor YAML: ${(err as Error).message}`, { cause: err });
  }
  return parseScenario(data, spec);
}
