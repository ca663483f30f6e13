/**
 * Whole classifier suite, two builds interleaved round by round in one process (CPU µs per item):
 *   npx tsx scripts/models/suite-ab.ts OLD_DIST NEW_DIST [--rounds 10] [--items 2000]
 * Each DIST is a compiled tree (`npx tsc -p tsconfig.build.json` in a checkout, e.g. one made with
 * `git archive COMMIT | tar -x -C /tmp/old` plus a node_modules link). Interleaving puts both
 * builds under the same load, which separate bench runs on a shared machine do not; the
 * `npm run bench -- --only classify` rows stay the reference figures.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Build {
  dir: string;
  classify: (item: unknown) => unknown;
  items: unknown[];
}

const args = process.argv.slice(2);
const flag = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const dirs = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
if (dirs.length < 2) throw new Error('usage: suite-ab.ts OLD_DIST NEW_DIST [--rounds N] [--items N]');
const rounds = flag('--rounds', 10);
const n = flag('--items', 2000);
const models = resolve('models');
const load = async (dir: string): Promise<Build> => {
  const at = (p: string) => import(pathToFileURL(resolve(dir, p)).href);
  const { createClassifierSuite } = await at('src/core/classify/suite.js');
  const { loadSuiteModels } = await at('src/adapters/models/builtin.js');
  const { makeItems } = await at('bench/classify.js');
  const triggers = Array.from({ length: 20 }, (_, i) => (i % 2 ? { id: `t${i}`, pattern: `trigger phrase ${i}` } : { id: `r${i}`, pattern: `\\bcf${i}\\b`, kind: 'regex' }));
  const suite = createClassifierSuite({ models: loadSuiteModels(models), triggers });
  return { dir, classify: (x) => suite.classify(x), items: makeItems(n, 42) };
};
const builds = [await load(dirs[0]!), await load(dirs[1]!)];
for (const b of builds) for (let i = 0; i < Math.min(1000, n); i++) b.classify(b.items[i]);
const times: number[][] = builds.map(() => []);
for (let r = 0; r < rounds; r++) {
  builds.forEach((b, k) => {
    const c0 = process.cpuUsage();
    for (const x of b.items) b.classify(x);
    const c = process.cpuUsage(c0);
    times[k]!.push((c.user + c.system) / b.items.length);
  });
}
builds.forEach((b, k) => {
  const v = [...times[k]!].sort((x, y) => x - y);
  console.log(`${b.dir}: CPU µs per item min ${v[0]!.toFixed(0)}, median ${v[v.length >> 1]!.toFixed(0)} (rounds: ${times[k]!.map((x) => x.toFixed(0)).join(' ')})`);
});
console.log(`1-min load average ${loadavg()[0]!.toFixed(1)}`);
