import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ArgusError } from '../../core/errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2', '.map': 'application/json',
};

/** Paths the SPA fallback must never answer: they belong to the API, the gateway and ops. */
const NOT_SPA = /^\/(api|v1|metrics|healthz|readyz)(\/|$)/;

/** web/dist of the package this file belongs to (works from src/ under tsx and from dist/src/). */
export function defaultAssetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'argus-monitor') return join(dir, 'web', 'dist');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'web', 'dist');
}

const NOT_BUILT = (dir: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Argus</title></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>Argus dashboard: assets not built</h1><p>The dashboard's files are not in <code>${dir.replace(/[<>&]/g, '')}</code>.
Run <code>npm run build</code> (or <code>npm run build:web</code>) and reload. The API, <code>/metrics</code> and the gateway work without them.</p></body></html>`;

/**
 * Serves the built dashboard at `/`: files under web/dist, hashed assets cached for a year, and
 * index.html for any other GET that is not an API path (client-side routes). When the assets are
 * not built it says so in a page, and logs it once.
 */
export function registerDashboardAssets(app: FastifyInstance, o: { assetsDir?: string; onMissing?: (dir: string) => void } = {}): void {
  const root = o.assetsDir ?? defaultAssetsDir();
  const indexPath = join(root, 'index.html');
  if (!existsSync(indexPath)) o.onMissing?.(root);
  const sendIndex = async (reply: import('fastify').FastifyReply) => {
    if (!existsSync(indexPath)) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT(root));
    return reply.type(TYPES['.html']!).header('cache-control', 'no-cache').send(await readFile(indexPath));
  };
  app.get('/', async (_request, reply) => sendIndex(reply));
  app.get('/*', async (request, reply) => {
    const path = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (NOT_SPA.test(path)) throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no route GET ${path}`);
    const file = normalize(join(root, path));
    if (file.startsWith(root + sep) && extname(file) !== '') {
      const s = await stat(file).catch(() => undefined);
      if (s?.isFile()) {
        const immutable = path.startsWith('/assets/');
        return reply.type(TYPES[extname(file)] ?? 'application/octet-stream')
          .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
          .send(await readFile(file));
      }
      throw new ArgusError('ARGUS_ERR_NOT_FOUND', `no file ${path}`);
    }
    return sendIndex(reply);
  });
}
