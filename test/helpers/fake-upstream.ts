import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local OpenAI-compatible server whose behaviour a test picks by the request's `model`:
 * `echo` answers with the last user message, `error-400` / `error-500` fail, `slow` never answers
 * in time, `break` cuts a stream in the middle, `gated` streams its first chunk and then waits
 * for `release()`. Every request is recorded.
 */
export interface FakeUpstream {
  url: string;
  requests: Array<{ path: string; headers: IncomingMessage['headers']; body: string }>;
  release(): void;
  close(): Promise<void>;
}

const chatJson = (content: string, model: string) => JSON.stringify({
  id: 'chatcmpl-1', object: 'chat.completion', created: 1_700_000_000, model,
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 },
});
const chunk = (delta: Record<string, unknown>, finish: string | null = null, usage?: Record<string, number>) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const requests: FakeUpstream['requests'] = [];
  let releaseGate: () => void = () => undefined;
  let gate = new Promise<void>((resolve) => { releaseGate = resolve; });
  const server: Server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      void handle(req.url ?? '', body, res);
    });
  });
  async function handle(path: string, body: string, res: import('node:http').ServerResponse): Promise<void> {
    if (path === '/v1/models') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'fake' });
      res.end(JSON.stringify({ object: 'list', data: [{ id: 'echo', object: 'model' }] }));
      return;
    }
    const req = JSON.parse(body || '{}') as { model?: string; stream?: boolean; messages?: Array<{ content: string }>; prompt?: string };
    const model = req.model ?? 'echo';
    const last = req.messages?.at(-1)?.content ?? req.prompt ?? '';
    if (model === 'error-400' || model === 'error-500') {
      const status = model === 'error-400' ? 400 : 500;
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'up-123' });
      res.end(JSON.stringify({ error: { message: `upstream says ${status}`, type: 'invalid_request_error', code: null } }));
      return;
    }
    if (model === 'slow') { setTimeout(() => { res.writeHead(200); res.end('{}'); }, 5_000).unref(); return; }
    if (path === '/v1/completions') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'cmpl-1', object: 'text_completion', choices: [{ index: 0, text: `done: ${last}`, finish_reason: 'stop' }], usage: { prompt_tokens: 3, completion_tokens: 2 } }));
      return;
    }
    if (!req.stream) {
      res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': 'fake' });
      res.end(chatJson(`You said: ${last}`, model));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk({ role: 'assistant', content: '' }));
    res.write(chunk({ content: 'You said: ' }));
    if (model === 'gated') await gate;
    if (model === 'break') { await new Promise((r) => setTimeout(r, 50)); res.destroy(); return; }
    for (const word of last.split(/(?<= )/)) res.write(chunk({ content: word }));
    res.write(chunk({}, 'stop', { prompt_tokens: 7, completion_tokens: 5 }));
    res.end('data: [DONE]\n\n');
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    release: () => { releaseGate(); gate = new Promise<void>((resolve) => { releaseGate = resolve; }); },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
