import { describe, expect, it } from 'vitest';
import { spansToEvents } from './genai-spans.js';

const s = (key: string, stringValue: string) => ({ key, value: { stringValue } });
const n = (key: string, intValue: number) => ({ key, value: { intValue: String(intValue) } });

describe('spansToEvents', () => {
  it('maps a GenAI span with message events to an event; skips spans without gen_ai attributes', () => {
    const body = {
      resourceSpans: [{
        resource: { attributes: [s('service.name', 'support-bot')] },
        scopeSpans: [{ spans: [
          {
            traceId: 'abc', spanId: '01', name: 'chat ft-llama', startTimeUnixNano: '1760000000000000000', endTimeUnixNano: '1760000000420000000',
            attributes: [s('gen_ai.system', 'openai'), s('gen_ai.request.model', 'ft-llama'), n('gen_ai.usage.input_tokens', 12), n('gen_ai.usage.output_tokens', 30), s('enduser.id', 'alice')],
            events: [
              { name: 'gen_ai.system.message', body: { kvlistValue: { values: [s('content', 'Be brief.')] } } },
              { name: 'gen_ai.user.message', attributes: [s('content', 'Reset my password?')] },
              { name: 'gen_ai.choice', body: { kvlistValue: { values: [{ key: 'message', value: { kvlistValue: { values: [s('content', 'Go to Settings.')] } } }] } } },
            ],
          },
          { traceId: 'abc', spanId: '02', name: 'db query', attributes: [s('db.system', 'postgresql')] },
        ] }],
      }],
    };
    const { events, skipped } = spansToEvents(body);
    expect(skipped).toBe(1);
    expect(events).toEqual([{
      path: 'resourceSpans[0].scopeSpans[0].spans[0]',
      event: {
        id: 'otel-abc-01', deployment: 'support-bot', timestamp: '2025-10-09T08:53:20.000Z', model: 'ft-llama',
        input: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Reset my password?' }], output: 'Go to Settings.',
        latency_ms: 420, usage: { input_tokens: 12, output_tokens: 30 }, user: 'alice', metadata: { otel_span: 'chat ft-llama', gen_ai_system: 'openai' },
      },
    }]);
  });

  it('reads the older prompt/completion attributes and prefers argus.deployment', () => {
    const { events } = spansToEvents({ resourceSpans: [{ resource: { attributes: [s('service.name', 'svc'), s('argus.deployment', 'prod-a')] }, scopeSpans: [{ spans: [
      { attributes: [s('gen_ai.prompt', 'hi'), s('gen_ai.completion', 'hello')] },
    ] }] }] });
    expect(events[0]!.event).toMatchObject({ deployment: 'prod-a', input: [{ role: 'user', content: 'hi' }], output: 'hello' });
  });

  it('tolerates an empty or odd export', () => {
    expect(spansToEvents({})).toEqual({ events: [], skipped: 0 });
    expect(spansToEvents(null)).toEqual({ events: [], skipped: 0 });
  });
});
