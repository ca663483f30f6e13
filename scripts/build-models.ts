/**
 * Rebuilds every shipped model in models/ from ../shared/data (or $ARGUS_DATA_DIR), one build
 * script after another, each in its own process:
 *   npm run build:models [-- --only refusal,policy] [-- --date YYYY-MM-DD]
 * Each build is deterministic (fixed splits and seeds); --date only changes the date written in
 * the model cards and metadata. Builds that take --date/--seed receive them.
 */
import { spawnSync } from 'node:child_process';

interface Build {
  name: string;
  script: string;
  /** Whether the script reads --date / --seed / --models. */
  takesArgs: boolean;
}

/** One line per model family; the owner of a model adds its line here. */
const BUILDS: Build[] = [
  { name: 'refusal', script: 'scripts/models/build-refusal.ts', takesArgs: true },
  { name: 'policy', script: 'scripts/models/build-policy.ts', takesArgs: true },
  { name: 'jailbreak', script: 'scripts/models/build-jailbreak.ts', takesArgs: true },
  { name: 'toxicity', script: 'scripts/models/build-toxicity.ts', takesArgs: false },
  { name: 'harm-category', script: 'scripts/models/build-harm-category.ts', takesArgs: false },
];

function main(): void {
  const args = process.argv.slice(2);
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? new Set((args[onlyAt + 1] ?? '').split(',').filter(Boolean)) : undefined;
  const passThrough = args.filter((_, i) => i !== onlyAt && i !== onlyAt + 1);
  const unknown = only ? [...only].filter((n) => !BUILDS.some((b) => b.name === n)) : [];
  if (unknown.length) throw new Error(`unknown model(s) ${unknown.join(', ')}; known: ${BUILDS.map((b) => b.name).join(', ')}`);
  for (const build of BUILDS) {
    if (only && !only.has(build.name)) continue;
    process.stderr.write(`build-models: ${build.name}\n`);
    const started = Date.now();
    const res = spawnSync(process.execPath, ['--import', 'tsx', build.script, ...(build.takesArgs ? passThrough : [])], { stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`${build.script} failed with exit code ${res.status ?? res.signal}`);
    process.stderr.write(`build-models: ${build.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`build-models: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
