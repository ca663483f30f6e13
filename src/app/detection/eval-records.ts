import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { formatIssues, type EventSchema } from '../../contracts/event.js';
import { ArgusError } from '../../core/errors.js';
import type { EventRecord } from '../../core/events/event.js';
import { toEventRecord } from '../normalize-event.js';

export interface EvalFile {
  /** The lines for the deployment asked for, as records (user ids are not kept: these are never stored). */
  records: EventRecord[];
  lines: number;
  /** Lines that name another deployment, by deployment. */
  otherDeployments: Record<string, number>;
}

const MAX_REPORTED = 5;

/**
 * Reads a pre-deployment evaluation run in the import format (one event per line, as for
 * `argus import`) and keeps the lines of `deployment`. A baseline built from half a file would
 * misdescribe the model, so any bad line fails the whole read, naming the first few by number.
 * A line without `source` counts as `evaluation` here (in `argus import` it would be production).
 */
export async function readEvalFile(path: string, o: { deployment: string; schema: EventSchema; nowMs: number }): Promise<EvalFile> {
  const out: EvalFile = { records: [], lines: 0, otherDeployments: {} };
  const bad: string[] = [];
  let badCount = 0;
  const input = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => { input.once('open', () => resolve()); input.once('error', reject); });
  try { await opened; } catch (err) {
    throw new ArgusError('ARGUS_ERR_INVALID_INPUT', `--from-eval: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    out.lines++;
    if (text.trim() === '') continue;
    let raw: unknown;
    try { raw = JSON.parse(text); } catch (err) {
      badCount++;
      if (bad.length < MAX_REPORTED) bad.push(`line ${out.lines}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    if (raw !== null && typeof raw === 'object' && !('source' in raw)) (raw as Record<string, unknown>).source = 'evaluation';
    const parsed = o.schema.safeParse(raw);
    if (!parsed.success) {
      badCount++;
      if (bad.length < MAX_REPORTED) bad.push(`line ${out.lines}: ${formatIssues(parsed.error).slice(0, 2).join('; ')}`);
      continue;
    }
    if (parsed.data.deployment !== o.deployment) {
      out.otherDeployments[parsed.data.deployment] = (out.otherDeployments[parsed.data.deployment] ?? 0) + 1;
      continue;
    }
    out.records.push(toEventRecord(parsed.data, o.nowMs, () => ''));
  }
  if (badCount > 0) {
    const more = badCount > bad.length ? `; and ${badCount - bad.length} more` : '';
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', `${path}: ${badCount} bad line${badCount === 1 ? '' : 's'} of ${out.lines}: ${bad.join('; ')}${more}`);
  }
  if (out.records.length === 0) {
    const others = Object.keys(out.otherDeployments);
    throw new ArgusError('ARGUS_ERR_INVALID_DATA', others.length > 0
      ? `${path}: no line is for deployment '${o.deployment}' (the file has ${others.slice(0, 5).map((d) => `'${d}'`).join(', ')})`
      : `${path}: the file has no events`);
  }
  return out;
}
