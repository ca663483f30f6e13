import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny OpenAI-compatible model server that prefixes every answer with its name and records the requested model. */
export async function startNamedUpstream(name: string): Promise<{ url: string; models: string[]; close(): Promise<void> }> {
  const models: string[] = [];
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as { model?: string; messages?: Array<{ content: string }> };
      models.push(body.model ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({
        id: 'c1', object: 'chat.completion', created: 1, model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: `${name}: ${body.messages?.at(-1)?.content ?? ''}` }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 },
      }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, models,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
