import { createServer } from 'node:http';
import { Pool } from 'undici';

/**
 * The floor under the gateway figures: a reverse proxy with nothing of Argus in it (Node's HTTP
 * server in, undici out, the upstream's body relayed chunk by chunk; no capture, no storage, no
 * config, no logging). What it costs per request is what any Node gateway pays before doing any
 * work of its own. Run: node bare-proxy.js PORT UPSTREAM_PORT
 */
const port = Number(process.argv[2] ?? 0);
const upstreamPort = Number(process.argv[3] ?? 0);
const pool = new Pool(`http://127.0.0.1:${upstreamPort}`, { connections: 256 });

createServer((req, res) => {
  if (req.url === '/healthz') { res.end('ok'); return; }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    pool.request({ path: req.url ?? '/', method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.concat(chunks) })
      .then(async (up) => {
        res.writeHead(up.statusCode, { 'content-type': String(up.headers['content-type'] ?? 'application/json') });
        for await (const c of up.body) res.write(c);
        res.end();
      })
      .catch(() => { res.statusCode = 502; res.end(); });
  });
}).listen(port, '127.0.0.1');
