import { InvalidArgumentError, type Command } from 'commander';
import { withResponse } from '../app/response/open-response.js';
import { INCIDENT_STATES, type Incident, type IncidentState } from '../core/incidents/types.js';
import { addConfigOptions, overridesFrom, parsePositiveInt } from './options.js';

type Opts = { config?: string; dataDir?: string; json?: boolean; by?: string; deployment?: string; state?: string; note?: string; regression?: boolean; baseline?: boolean; limit?: number };
const actor = (o: Opts) => `user:${o.by ?? process.env.USER ?? 'cli'}`;
const iso = (ms: number) => new Date(ms).toISOString();
const row = (i: Incident) => `#${i.id}  ${i.state.padEnd(14)} ${i.severity.padEnd(8)} ${i.deployment}  ${i.title}  opened ${iso(i.openedMs)}${i.acknowledgedBy ? `  ack ${i.acknowledgedBy}` : ''}`;
const parseState = (v: string): IncidentState => {
  if (!(INCIDENT_STATES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${INCIDENT_STATES.join(', ')}, got '${v}'`);
  return v as IncidentState;
};

function detail(i: Incident): string {
  const out = [row(i), `  change began: ${i.evidence.changePointMs === null ? 'not located' : iso(i.evidence.changePointMs)}`];
  for (const s of i.evidence.snapshots) out.push(`  metric ${s.metric}: ${s.explanation}`);
  if (i.evidence.ngrams.length) out.push(`  over-represented input n-grams: ${i.evidence.ngrams.slice(0, 8).map((n) => `"${n.ngram}" (${n.flaggedCount}/${n.otherCount}, z=${n.zScore.toFixed(1)})`).join(', ')}`);
  out.push(`  flagged outputs: ${i.evidence.samples.length}`);
  for (const s of i.evidence.samples.slice(0, 5)) out.push(`    [${s.rules.join(',')}] ${s.input.slice(0, 80).replace(/\s+/g, ' ')} -> ${s.output.slice(0, 80).replace(/\s+/g, ' ')}`);
  out.push('  timeline:');
  for (const t of i.timeline) out.push(`    ${iso(t.atMs)}  ${t.actor}  ${t.message}`);
  return out.join('\n');
}

export function registerIncidents(program: Command): void {
  const cmd = program.command('incidents').description('Investigate incidents: list, show evidence, acknowledge, move through the workflow, resolve.')
    .addHelpText('after', `
States: open -> confirmed -> scoped -> mitigated -> resolved (steps may be skipped), or false_positive.

Examples:
  argus incidents list --state active
  argus incidents show 3
  argus incidents ack 3 --by ann
  argus incidents transition 3 confirmed --note "reproduced with the S2 suite"
  argus incidents resolve 3 --regression --baseline --note "retrained adapter rolled out"`);
  addConfigOptions(cmd.command('list')).description('List incidents, newest first.')
    .option('--state <state>', `one of ${INCIDENT_STATES.join(', ')}, active or all`, 'all').option('--deployment <name>', 'only this deployment')
    .option('--limit <n>', 'most incidents shown', parsePositiveInt, 50).option('--json', 'print JSON')
    .action(async (o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const items = r.incidents.list({ state: o.state as string, limit: o.limit as number, ...(o.deployment ? { deployment: o.deployment } : {}) });
      process.stdout.write(o.json ? `${JSON.stringify({ incidents: items })}\n` : `${items.length === 0 ? 'no incidents' : items.map(row).join('\n')}\n`);
    }));
  addConfigOptions(cmd.command('show')).description('An incident with its evidence and timeline.')
    .argument('<id>', 'incident id', parsePositiveInt).option('--json', 'print JSON')
    .action(async (id: number, o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const i = r.incidents.get(id);
      process.stdout.write(o.json ? `${JSON.stringify(i)}\n` : `${detail(i)}\n`);
    }));
  addConfigOptions(cmd.command('ack')).description('Acknowledge an incident (someone is on it).')
    .argument('<id>', 'incident id', parsePositiveInt).option('--by <name>', 'who (recorded)').option('--json', 'print JSON')
    .action(async (id: number, o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const i = r.incidents.ack(id, actor(o));
      process.stdout.write(o.json ? `${JSON.stringify(i)}\n` : `${row(i)}\n`);
    }));
  addConfigOptions(cmd.command('transition')).description('Move an incident to another state.')
    .argument('<id>', 'incident id', parsePositiveInt).argument('<state>', 'target state', parseState)
    .option('--note <text>', 'why').option('--by <name>', 'who (recorded)').option('--json', 'print JSON')
    .action(async (id: number, to: IncidentState, o: Opts) => withResponse(o.config, overridesFrom(o), async (r) => {
      const i = await r.incidents.transition(id, to, actor(o), { note: o.note });
      process.stdout.write(o.json ? `${JSON.stringify(i)}\n` : `${row(i)}\n`);
    }));
  addConfigOptions(cmd.command('resolve')).description('Resolve an incident; optionally keep its examples as regression prompts and record an incident baseline.')
    .argument('<id>', 'incident id', parsePositiveInt).option('--note <text>', 'what fixed it').option('--by <name>', 'who (recorded)')
    .option('--regression', 'append its flagged inputs to incidents.regression_suite_file (suites/regression.jsonl)')
    .option('--baseline', 'record a proposed `incident` baseline from recent production traffic').option('--json', 'print JSON')
    .action(async (id: number, o: Opts) => withResponse(o.config, overridesFrom(o), async (r) => {
      const i = await r.incidents.transition(id, 'resolved', actor(o), { note: o.note, regressionSuite: o.regression === true, recordBaseline: o.baseline === true });
      process.stdout.write(o.json ? `${JSON.stringify(i)}\n` : `${row(i)}\n${i.timeline.filter((t) => t.kind === 'remediation').map((t) => `  ${t.message}`).join('\n')}\n`);
    }));
}
