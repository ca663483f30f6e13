import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseAssembler, parseOpenAiRequest, parseOpenAiResponse } from './openai-capture.js';

const sse = [
  'data: {"id":"1","choices":[{"index":0,"delta":{"role":"assistant"}}]}',
  '',
  'data: {"id":"1","choices":[{"index":0,"delta":{"content":"Héllo"}}]}',
  '',
  'data: {"id":"1","choices":[{"index":0,"delta":{"content":", wörld 🌍"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":3}}',
  '',
  'data: [DONE]',
  '',
].join('\n');

describe('openai capture', () => {
  it('reads chat requests, including content parts', () => {
    expect(parseOpenAiRequest({ model: 'm', user: 'u1', stream: true, messages: [{ role: 'system', content: 'be nice' }, { role: 'user', content: [{ type: 'text', text: 'hi' }] }] }, 'chat'))
      .toEqual({ model: 'm', user: 'u1', stream: true, input: [{ role: 'system', content: 'be nice' }, { role: 'user', content: 'hi' }] });
    expect(parseOpenAiRequest({ prompt: ['a', 'b'] }, 'completion').input).toBe('a\nb');
    expect(parseOpenAiRequest('nonsense', 'chat').input).toBeNull();
  });

  it('reads non-streamed chat and completion responses', () => {
    expect(parseOpenAiResponse('{"choices":[{"message":{"content":"ok"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1}}'))
      .toEqual({ output: 'ok', inputTokens: 3, outputTokens: 1, finishReason: 'stop' });
    expect(parseOpenAiResponse('{"choices":[{"text":"done"}]}').output).toBe('done');
    expect(parseOpenAiResponse('not json').output).toBe('');
  });

  it('assembles a stream split at any byte boundaries, multi-byte characters included', () => {
    const bytes = new TextEncoder().encode(sse);
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }), (cuts) => {
      const a = createSseAssembler();
      let prev = 0;
      for (const c of [...cuts].sort((x, y) => x - y)) { a.push(bytes.subarray(prev, c)); prev = c; }
      a.push(bytes.subarray(prev));
      expect(a.result()).toEqual({ output: 'Héllo, wörld 🌍', inputTokens: 5, outputTokens: 3, finishReason: 'stop' });
    }));
  });
});
