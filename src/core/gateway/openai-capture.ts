import type { ChatMessage } from '../classify/types.js';

/** What the gateway learns about an interaction from the OpenAI request and response bodies. */
export interface CapturedExchange {
  model: string | null;
  user: string | null;
  stream: boolean;
  input: string | ChatMessage[] | null;
  output: string;
  inputTokens: number | null;
  outputTokens: number | null;
  finishReason: string | null;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Message content may be a string or an array of parts; the text parts are what Argus reads. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content.map((p) => (isObject(p) && typeof p.text === 'string' ? p.text : '')).filter(Boolean).join('\n');
  }
  return '';
}

export function parseOpenAiRequest(body: unknown, kind: 'chat' | 'completion'): Pick<CapturedExchange, 'model' | 'user' | 'stream' | 'input'> {
  if (!isObject(body)) return { model: null, user: null, stream: false, input: null };
  let input: CapturedExchange['input'] = null;
  if (kind === 'chat' && Array.isArray(body.messages)) {
    input = body.messages.filter(isObject).map((m) => ({ role: str(m.role) ?? 'user', content: contentText(m.content) }));
    if (input.length === 0) input = null;
  } else if (kind === 'completion') {
    if (typeof body.prompt === 'string') input = body.prompt;
    else if (Array.isArray(body.prompt)) input = body.prompt.filter((p): p is string => typeof p === 'string').join('\n');
  }
  return { model: str(body.model), user: str(body.user), stream: body.stream === true, input };
}

/** Assembles a non-streamed response: the first choice's message (chat) or text (completion). */
export function parseOpenAiResponse(text: string): Pick<CapturedExchange, 'output' | 'inputTokens' | 'outputTokens' | 'finishReason'> {
  let body: unknown;
  try { body = JSON.parse(text); } catch { return { output: '', inputTokens: null, outputTokens: null, finishReason: null }; }
  if (!isObject(body)) return { output: '', inputTokens: null, outputTokens: null, finishReason: null };
  const choice = Array.isArray(body.choices) && isObject(body.choices[0]) ? body.choices[0] : {};
  const output = isObject(choice.message) ? contentText(choice.message.content) : (str(choice.text) ?? '');
  const usage = isObject(body.usage) ? body.usage : {};
  return { output, inputTokens: num(usage.prompt_tokens), outputTokens: num(usage.completion_tokens), finishReason: str(choice.finish_reason) };
}

/**
 * Assembles a streamed (server-sent events) response incrementally: feed it the raw chunks as
 * they pass through, in any split (a line may straddle two chunks), then read the result.
 */
export function createSseAssembler() {
  let pending = '';
  const parts: string[] = [];
  let inputTokens: number | null = null;
  let outputTokens: number | null = null;
  let finishReason: string | null = null;
  const decoder = new TextDecoder('utf-8');

  const line = (l: string) => {
    if (!l.startsWith('data:')) return;
    const data = l.slice(5).trim();
    if (data === '' || data === '[DONE]') return;
    let chunk: unknown;
    try { chunk = JSON.parse(data); } catch { return; }
    if (!isObject(chunk)) return;
    const choice = Array.isArray(chunk.choices) && isObject(chunk.choices[0]) ? chunk.choices[0] : undefined;
    if (choice) {
      if (isObject(choice.delta)) parts.push(contentText(choice.delta.content));
      else if (typeof choice.text === 'string') parts.push(choice.text);
      finishReason = str(choice.finish_reason) ?? finishReason;
    }
    if (isObject(chunk.usage)) {
      inputTokens = num(chunk.usage.prompt_tokens) ?? inputTokens;
      outputTokens = num(chunk.usage.completion_tokens) ?? outputTokens;
    }
  };

  return {
    push(chunk: Uint8Array) {
      pending += decoder.decode(chunk, { stream: true });
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        line(pending.slice(0, nl).replace(/\r$/, ''));
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
      }
    },
    result(): Pick<CapturedExchange, 'output' | 'inputTokens' | 'outputTokens' | 'finishReason'> {
      pending += decoder.decode();
      if (pending) { line(pending.replace(/\r$/, '')); pending = ''; }
      return { output: parts.join(''), inputTokens, outputTokens, finishReason };
    },
  };
}
