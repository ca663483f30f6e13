/**
 * OpenAI wire shapes for answers: chat.completion, chat.completion.chunk, text_completion and the
 * SSE framing (`data: {json}\n\n`, closed by `data: [DONE]\n\n`).
 */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export type FinishReason = 'stop' | 'length';

export function usageOf(promptTokens: number, completionTokens: number): Usage {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

export function chatCompletion(id: string, createdS: number, model: string, content: string, finish: FinishReason, usage: Usage) {
  return {
    id, object: 'chat.completion', created: createdS, model, system_fingerprint: 'argus-sim',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finish }],
    usage,
  };
}

export function chatChunk(id: string, createdS: number, model: string, delta: Record<string, string>, finish: FinishReason | null) {
  return {
    id, object: 'chat.completion.chunk', created: createdS, model, system_fingerprint: 'argus-sim',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
}

export function chatUsageChunk(id: string, createdS: number, model: string, usage: Usage) {
  return { id, object: 'chat.completion.chunk', created: createdS, model, system_fingerprint: 'argus-sim', choices: [], usage };
}

export function textCompletion(id: string, createdS: number, model: string, choices: { text: string; finish: FinishReason }[], usage: Usage | null) {
  return {
    id, object: 'text_completion', created: createdS, model, system_fingerprint: 'argus-sim',
    choices: choices.map((c, index) => ({ text: c.text, index, logprobs: null, finish_reason: c.finish })),
    ...(usage ? { usage } : {}),
  };
}

export function textChunk(id: string, createdS: number, model: string, index: number, text: string, finish: FinishReason | null) {
  return { id, object: 'text_completion', created: createdS, model, system_fingerprint: 'argus-sim', choices: [{ text, index, logprobs: null, finish_reason: finish }] };
}

export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

export const SSE_DONE = 'data: [DONE]\n\n';
