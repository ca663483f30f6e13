import { z } from 'zod';
import { EVENT_SOURCES } from '../core/events/event.js';

export { EVENT_SOURCES, type EventSource } from '../core/events/event.js';

/**
 * The wire shape of one interaction, as clients send it to `POST /api/v1/events`, in JSONL for
 * `argus import`, and as the gateway builds it. Names are snake_case like the OpenAI API.
 * Limits come from config, so the schema is built by a factory.
 */

export interface EventLimits {
  /** Longest input or output text, in characters (each chat message counts toward the input). */
  maxTextChars: number;
  maxMessages: number;
  maxMetadataKeys: number;
  maxMetadataKeyChars: number;
  maxMetadataValueChars: number;
  maxIdChars: number;
}

export const DEFAULT_EVENT_LIMITS: EventLimits = Object.freeze({
  maxTextChars: 200_000,
  maxMessages: 500,
  maxMetadataKeys: 64,
  maxMetadataKeyChars: 128,
  maxMetadataValueChars: 2_048,
  maxIdChars: 128,
});

const wellFormed = (s: string) => s.isWellFormed();
const WELL_FORMED = { message: 'text is not well-formed Unicode (lone surrogate)' };
/** Deployment names: letters, digits and . _ : / -, starting with a letter or digit. */
export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._:/-]*$/;

export function createEventSchema(limits: EventLimits = DEFAULT_EVENT_LIMITS) {
  const text = (max: number) => z.string().max(max, { message: `longer than ${max} characters` }).refine(wellFormed, WELL_FORMED);
  const shortName = z.string().min(1).max(128).regex(NAME_RE, { message: 'use letters, digits and . _ : / - (starting with a letter or digit)' });
  const chatMessage = z.object({
    role: z.string().min(1).max(64),
    content: text(limits.maxTextChars),
  }).strict();
  const input = z.union([
    text(limits.maxTextChars),
    z.array(chatMessage).min(1).max(limits.maxMessages, { message: `more than ${limits.maxMessages} messages` }),
  ]).refine((v) => typeof v === 'string' || totalChars(v) <= limits.maxTextChars, {
    message: `messages hold more than ${limits.maxTextChars} characters in all`,
  });
  const metadataValue = z.union([text(limits.maxMetadataValueChars), z.number().finite(), z.boolean()]);
  const metadata = z.record(z.string().min(1).max(limits.maxMetadataKeyChars).refine(wellFormed, WELL_FORMED), metadataValue)
    .refine((m) => Object.keys(m).length <= limits.maxMetadataKeys, { message: `more than ${limits.maxMetadataKeys} metadata keys` });
  const count = z.number().int().nonnegative().max(1e9);

  return z.object({
    id: z.string().min(1).max(limits.maxIdChars).refine(wellFormed, WELL_FORMED).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    deployment: shortName,
    model: z.string().min(1).max(256).refine(wellFormed, WELL_FORMED).optional(),
    source: z.enum(EVENT_SOURCES).default('production'),
    user: z.string().min(1).max(512).refine(wellFormed, WELL_FORMED).optional(),
    session: z.string().min(1).max(256).refine(wellFormed, WELL_FORMED).optional(),
    input: input.optional(),
    output: text(limits.maxTextChars).default(''),
    latency_ms: z.number().finite().nonnegative().max(86_400_000).optional(),
    usage: z.object({ input_tokens: count.optional(), output_tokens: count.optional() }).strict().optional(),
    metadata: metadata.optional(),
  }).strict();
}

export type EventSchema = ReturnType<typeof createEventSchema>;
export type EventIn = z.output<EventSchema>;
export type ChatMessageIn = { role: string; content: string };

function totalChars(messages: ChatMessageIn[]): number {
  let n = 0;
  for (const m of messages) n += m.content.length;
  return n;
}

/** Formats zod issues as `path: message` lines, the way config errors are printed too. */
export function formatIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))]
      .join('').replace(/^\./, '');
    return `${path || '(root)'}: ${issue.message}`;
  });
}
