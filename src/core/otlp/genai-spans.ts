/**
 * Turns OTLP/HTTP JSON trace exports into Argus events, following the OpenTelemetry GenAI
 * semantic conventions: spans that carry `gen_ai.*` attributes are model calls. Prompt and
 * answer come from the span events (`gen_ai.user.message`, `gen_ai.system.message`,
 * `gen_ai.choice`, or the older `gen_ai.content.prompt` / `gen_ai.content.completion` with
 * `gen_ai.prompt` / `gen_ai.completion` attributes). The deployment is the `argus.deployment`
 * attribute (span, then resource), else the resource's `service.name`.
 *
 * The output is wire-shaped (like the ingest API), so the same schema validates it.
 */
type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean; arrayValue?: { values?: AnyValue[] }; kvlistValue?: { values?: KeyValue[] } };
type KeyValue = { key: string; value?: AnyValue };
interface OtlpSpan {
  traceId?: string; spanId?: string; name?: string; startTimeUnixNano?: string | number; endTimeUnixNano?: string | number;
  attributes?: KeyValue[]; events?: Array<{ name?: string; attributes?: KeyValue[]; body?: AnyValue }>;
}
interface OtlpExport { resourceSpans?: Array<{ resource?: { attributes?: KeyValue[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }

export interface SpanEvent {
  /** The span's position, for error messages: resourceSpans[i].scopeSpans[j].spans[k]. */
  path: string;
  event: Record<string, unknown>;
}

function plain(v: AnyValue | undefined): unknown {
  if (!v) return undefined;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(plain);
  if (v.kvlistValue) return Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key, plain(kv.value)]));
  return undefined;
}
const attrs = (list: KeyValue[] | undefined): Record<string, unknown> => Object.fromEntries((list ?? []).map((kv) => [kv.key, plain(kv.value)]));
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const nanosToMs = (v: string | number | undefined): number | undefined => (v === undefined ? undefined : Number(BigInt(v) / 1_000_000n));

function messageText(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    if (typeof b.content === 'string') return b.content;
    if (b.message && typeof b.message === 'object' && typeof (b.message as Record<string, unknown>).content === 'string') return (b.message as Record<string, string>).content;
  }
  return undefined;
}

export function spansToEvents(body: unknown): { events: SpanEvent[]; skipped: number } {
  const out: SpanEvent[] = [];
  let skipped = 0;
  const exp = (body ?? {}) as OtlpExport;
  (exp.resourceSpans ?? []).forEach((rs, i) => {
    const resource = attrs(rs.resource?.attributes);
    (rs.scopeSpans ?? []).forEach((ss, j) => {
      (ss.spans ?? []).forEach((span, k) => {
        const a = attrs(span.attributes);
        if (!Object.keys(a).some((key) => key.startsWith('gen_ai.'))) { skipped++; return; }
        const messages: Array<{ role: string; content: string }> = [];
        let output = str(a['gen_ai.completion']) ?? '';
        for (const ev of span.events ?? []) {
          const ea = attrs(ev.attributes);
          const text = messageText(plain(ev.body)) ?? str(ea.content);
          if (ev.name === 'gen_ai.system.message' && text !== undefined) messages.push({ role: 'system', content: text });
          else if (ev.name === 'gen_ai.user.message' && text !== undefined) messages.push({ role: 'user', content: text });
          else if (ev.name === 'gen_ai.assistant.message' && text !== undefined) messages.push({ role: 'assistant', content: text });
          else if (ev.name === 'gen_ai.choice' && text !== undefined) output = text;
          else if (ev.name === 'gen_ai.content.prompt' && str(ea['gen_ai.prompt'])) messages.push({ role: 'user', content: str(ea['gen_ai.prompt']) as string });
          else if (ev.name === 'gen_ai.content.completion' && str(ea['gen_ai.completion'])) output = str(ea['gen_ai.completion']) as string;
        }
        const prompt = str(a['gen_ai.prompt']);
        if (messages.length === 0 && prompt) messages.push({ role: 'user', content: prompt });
        const startMs = nanosToMs(span.startTimeUnixNano);
        const endMs = nanosToMs(span.endTimeUnixNano);
        const inputTokens = num(a['gen_ai.usage.input_tokens']) ?? num(a['gen_ai.usage.prompt_tokens']);
        const outputTokens = num(a['gen_ai.usage.output_tokens']) ?? num(a['gen_ai.usage.completion_tokens']);
        const event: Record<string, unknown> = {
          deployment: str(a['argus.deployment']) ?? str(resource['argus.deployment']) ?? str(resource['service.name']) ?? 'default',
          output,
        };
        if (span.traceId && span.spanId) event.id = `otel-${span.traceId}-${span.spanId}`;
        if (startMs !== undefined) event.timestamp = new Date(startMs).toISOString();
        const model = str(a['gen_ai.response.model']) ?? str(a['gen_ai.request.model']);
        if (model) event.model = model;
        if (messages.length > 0) event.input = messages;
        if (startMs !== undefined && endMs !== undefined && endMs >= startMs) event.latency_ms = endMs - startMs;
        if (inputTokens !== undefined || outputTokens !== undefined) event.usage = { ...(inputTokens === undefined ? {} : { input_tokens: inputTokens }), ...(outputTokens === undefined ? {} : { output_tokens: outputTokens }) };
        const user = str(a['enduser.id']) ?? str(a['user.id']);
        if (user) event.user = user;
        const system = str(a['gen_ai.system']) ?? str(a['gen_ai.provider.name']);
        event.metadata = { otel_span: span.name ?? '', ...(system ? { gen_ai_system: system } : {}) };
        out.push({ path: `resourceSpans[${i}].scopeSpans[${j}].spans[${k}]`, event });
      });
    });
  });
  return { events: out, skipped };
}
