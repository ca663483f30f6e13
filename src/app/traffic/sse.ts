/**
 * Reads the text out of an OpenAI SSE body (chat chunks carry `choices[0].delta.content`, text
 * completions `choices[0].text`). Returns the text and whether `data: [DONE]` closed the stream.
 */
export function textFromSse(body: string): { text: string; done: boolean; events: number } {
  let text = '';
  let done = false;
  let events = 0;
  for (const block of body.split(/\r?\n\r?\n/)) {
    const data = block.split(/\r?\n/).filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
    if (data.length === 0) continue;
    if (data === '[DONE]') { done = true; continue; }
    events++;
    try {
      const json = JSON.parse(data) as { choices?: { delta?: { content?: string | null }; text?: string }[] };
      const choice = json.choices?.[0];
      text += choice?.delta?.content ?? choice?.text ?? '';
    } catch {
      // A malformed event is skipped; the record still says how many events arrived.
    }
  }
  return { text, done, events };
}

/** The answer text of a non-streaming chat or text completion body. */
export function textFromJson(body: string): string {
  const json = JSON.parse(body) as { choices?: { message?: { content?: string | null }; text?: string }[] };
  const choice = json.choices?.[0];
  return choice?.message?.content ?? choice?.text ?? '';
}
