import { createServer } from 'node:http';

/**
 * A minimal OpenAI-compatible upstream for latency benchmarks: answers at once with a fixed
 * ~1 KB chat completion (or a short stream). Run: node fast-upstream.js PORT
 */
const port = Number(process.argv[2] ?? 0);
const content = 'Here is a helpful answer. '.repeat(40);
const body = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1_700_000_000, model: 'bench',
  choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 20, completion_tokens: 200, total_tokens: 220 },
});
createServer((req, res) => {
  if (req.url === '/healthz') { res.end('ok'); return; }
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}).listen(port, '127.0.0.1');
