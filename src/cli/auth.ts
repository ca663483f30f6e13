import { type Command, InvalidArgumentError } from 'commander';
import { ROLES, type Role } from '../core/auth/access.js';
import { hashKey, mintKey } from '../server/auth/keys.js';
import { API_KEY_ENV, callServer } from './server-client.js';

const parseRole = (v: string): Role => {
  if (!(ROLES as readonly string[]).includes(v)) throw new InvalidArgumentError(`expected one of ${ROLES.join(', ')}, got '${v}'`);
  return v as Role;
};
const parseName = (v: string): string => {
  if (!/^[A-Za-z0-9_.@-]{1,64}$/.test(v)) throw new InvalidArgumentError(`expected 1-64 letters, digits or _ . @ -, got '${v}'`);
  return v;
};

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}

/** `argus auth create-key`, `argus auth hash-key`, `argus auth whoami` (docs/auth.md). */
export function registerAuth(program: Command): void {
  const auth = program.command('auth').description('API keys: mint one, hash one, check which key the CLI uses.');

  auth.command('create-key')
    .requiredOption('--role <role>', `what the key may do: ${ROLES.join(', ')}`, parseRole)
    .option('--name <name>', 'name recorded as the actor of what the key does', (v) => parseName(v))
    .option('--json', 'print {name, role, key, sha256} as JSON')
    .description('Mint a random key and print it with its SHA-256; only the SHA-256 goes in the config.')
    .addHelpText('after', `
The key is shown once: hand it to its user (or a secret store). The config keeps only the digest:
  auth:
    keys:
      - { name: alice, role: reviewer, sha256: <printed digest> }`)
    .action((opts: { role: Role; name?: string; json?: boolean }) => {
      const key = mintKey();
      const name = opts.name ?? `${opts.role}-${new Date().toISOString().slice(0, 10)}`;
      const sha256 = hashKey(key);
      if (opts.json) { process.stdout.write(`${JSON.stringify({ name, role: opts.role, key, sha256 })}\n`); return; }
      process.stdout.write([
        `key:     ${key}`,
        `sha256:  ${sha256}`,
        '',
        'Add to the auth section of the config (the key itself never goes there):',
        '  auth:',
        '    keys:',
        `      - { name: ${name}, role: ${opts.role}, sha256: ${sha256} }`,
        '',
      ].join('\n'));
    });

  auth.command('hash-key')
    .description('Read a key on stdin and print its SHA-256, for a key minted elsewhere.')
    .action(async () => {
      const key = await readStdin();
      if (key === '') throw new InvalidArgumentError('no key on stdin');
      process.stdout.write(`${hashKey(key)}\n`);
    });

  auth.command('whoami')
    .requiredOption('--server <url>', 'a running Argus, e.g. http://127.0.0.1:7070')
    .description(`Ask a running Argus which key ${API_KEY_ENV} holds and its role.`)
    .action(async (opts: { server: string }) => {
      const me = await callServer<{ name: string | null; role: string | null }>(opts.server, '/api/v1/auth/whoami');
      process.stdout.write(me.name ? `${me.name} (${me.role})\n` : 'anonymous: this Argus runs without auth\n');
    });
}
