import type { Command } from 'commander';
import { withResponse } from '../app/response/open-response.js';
import type { Mitigation } from '../core/mitigation/types.js';
import { addConfigOptions, overridesFrom, parsePositiveInt } from './options.js';

type Opts = { config?: string; dataDir?: string; json?: boolean; by?: string; deployment?: string; all?: boolean };
const actor = (o: Opts) => `user:${o.by ?? process.env.USER ?? 'cli'}`;
const line = (m: Mitigation) => `#${m.id}  ${m.deployment}  ${m.action}  ${m.status}  by ${m.triggeredBy}  ${new Date(m.createdMs).toISOString()}${m.endedBy ? `  (${m.status} by ${m.endedBy})` : ''}  ${m.reason}`;
const print = (o: Opts, data: unknown, text: string) => process.stdout.write(o.json ? `${JSON.stringify(data)}\n` : `${text}\n`);

export function registerMitigate(program: Command): void {
  const cmd = program.command('mitigate').description('See and undo gateway mitigations (route to base model, rate limit, boosted monitoring).')
    .addHelpText('after', `
Mitigations are applied by policy when alerts fire (see mitigation: in the config) or by hand
through the API. A running \`argus serve\` picks up changes made here within a second.

Examples:
  argus mitigate status
  argus mitigate restore --deployment bank-bot --by ann
  argus mitigate revert 12
  argus mitigate approve 13`);
  addConfigOptions(cmd.command('status'))
    .description('List mitigations in force (or all with --all).')
    .option('--deployment <name>', 'only this deployment').option('--all', 'include reverted and rejected ones').option('--json', 'print JSON')
    .action(async (o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const items = r.mitigation.list({ ...(o.deployment ? { deployment: o.deployment } : {}), live: !o.all });
      print(o, { mitigations: items }, items.length === 0 ? 'no mitigations in force' : items.map(line).join('\n'));
    }));
  addConfigOptions(cmd.command('restore'))
    .description("Undo every mitigation of a deployment: its traffic goes back to the fine-tuned model.")
    .requiredOption('--deployment <name>', 'the deployment to restore').option('--by <name>', 'who is acting (recorded)').option('--json', 'print JSON')
    .action(async (o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
      const done = r.mitigation.restore(o.deployment as string, actor(o));
      print(o, { restored: done }, done.length === 0 ? `nothing in force for ${o.deployment}` : `restored ${o.deployment}:\n${done.map(line).join('\n')}`);
    }));
  for (const [verb, what] of [['revert', 'Undo one active mitigation.'], ['approve', 'Approve a mitigation awaiting approval (puts it in force).'], ['reject', 'Reject a mitigation awaiting approval.']] as const) {
    addConfigOptions(cmd.command(verb))
      .description(what).argument('<id>', 'mitigation id (see argus mitigate status)', parsePositiveInt)
      .option('--by <name>', 'who is acting (recorded)').option('--json', 'print JSON')
      .action(async (id: number, o: Opts) => withResponse(o.config, overridesFrom(o), (r) => {
        const m = r.mitigation[verb](id, actor(o));
        print(o, m, line(m));
      }));
  }
}
