import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received { path: string; headers: IncomingHttpHeaders; body: string }

/**
 * A local HTTP receiver that records every request and answers 200 (or `status()`). It can be
 * stopped and started again on the same port, to play a receiver that is down for a while.
 */
export interface LocalReceiver {
  url: string;
  port: number;
  received: Received[];
  status: () => number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<LocalReceiver> {
  let server: Server | undefined;
  const r: LocalReceiver = {
    url: '', port, received: [], status: () => 200,
    async start() {
      server = createServer((req, res) => {
        const parts: Buffer[] = [];
        req.on('data', (c: Buffer) => parts.push(c));
        req.on('end', () => {
          const code = r.status();
          if (code < 300) r.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(parts).toString('utf8') });
          res.writeHead(code, { 'content-type': 'application/json' });
          res.end('{}');
        });
      });
      await new Promise<void>((resolve) => (server as Server).listen(r.port, '127.0.0.1', resolve));
      r.port = (server.address() as AddressInfo).port;
      r.url = `http://127.0.0.1:${r.port}`;
    },
    stop: () => new Promise<void>((resolve) => { if (!server) { resolve(); return; } server.closeAllConnections(); server.close(() => resolve()); server = undefined; }),
  };
  await r.start();
  return r;
}
