/**
 * The LLM judge as an Argus `Classifier`: a heavier backend behind the same interface as the
 * built-in models, for users who can run Llama Guard 3 (or WildGuard, or any chat model with the
 * generic prompt) behind an OpenAI-compatible endpoint.
 *
 * - `llama-guard`: the request is judged as a `User` turn (→ harm_category) and the response as an
 *   `Agent` turn (→ policy_violation); both calls run in parallel. Llama Guard gives labels, not
 *   probabilities, so scores are 0/1 and listed categories share the mass equally.
 * - `generic`: one chat call returns harm category, refusal, harmful-response flag and toxicity.
 */
import type { ArgusScores, Classifier, ClassifyItem, HarmCategory, RefusalLabel } from '../../core/classify/types.js';
import { HARM_CATEGORIES } from '../../core/classify/types.js';
import { createJudgeClient, type JudgeEndpoint } from './client.js';
import { buildGenericJudgeMessages, parseGenericJudgeAnswer } from './generic-judge.js';
import { buildLlamaGuardPrompt, parseLlamaGuardAnswer, type GuardVerdict } from './llama-guard.js';
import type { ChatMessage } from '../../core/classify/types.js';

export interface LlmJudgeOptions extends JudgeEndpoint {
  mode: 'llama-guard' | 'generic';
  /**
   * llama-guard only: 'chat' sends messages to /chat/completions and lets the server's chat
   * template build the guard prompt (vLLM serving meta-llama/Llama-Guard-3-8B does); 'completions'
   * sends the prompt built here to /completions. Default 'chat'.
   */
  api?: 'chat' | 'completions';
}

function conversationOf(item: ClassifyItem): ChatMessage[] {
  const input = item.input;
  const before: ChatMessage[] = input === undefined ? [] : typeof input === 'string' ? [{ role: 'user', content: input }] : [...input];
  return before.filter((m) => m.role !== 'system');
}

function oneHot<K extends string>(keys: readonly K[], hot: readonly K[]): Record<K, number> {
  const share = hot.length > 0 ? 1 / hot.length : 0;
  return Object.fromEntries(keys.map((k) => [k, hot.includes(k) ? share : 0])) as Record<K, number>;
}

const HAZARDS = HARM_CATEGORIES.filter((c) => c !== 'benign');

/**
 * "safe" → benign 1. "unsafe" with codes → the codes share the mass, top = the first listed.
 * "unsafe" without a usable code (a guard that omits the second line) is still not benign: the
 * mass is spread over S1–S14 and top is S1 by convention, so callers counting unsafe requests
 * are right and callers reading the category see a flat distribution.
 */
export function harmCategoryFromVerdict(v: GuardVerdict): ArgusScores['harm_category'] {
  const hot: HarmCategory[] = v.safe ? ['benign'] : v.categories.length > 0 ? v.categories : HAZARDS;
  return { top: hot[0]!, scores: oneHot(HARM_CATEGORIES, hot) };
}

export function policyViolationFromVerdict(v: GuardVerdict): ArgusScores['policy_violation'] {
  return { score: v.safe ? 0 : 1, categories: Object.fromEntries(v.categories.map((c) => [c, 1])) };
}

export function createLlmJudgeClassifier(options: LlmJudgeOptions): Classifier {
  const client = createJudgeClient(options);
  const api = options.api ?? 'chat';
  const guard = async (conversation: ChatMessage[], role: 'User' | 'Agent'): Promise<GuardVerdict> => {
    const text = api === 'chat' ? await client.chat(conversation) : await client.complete(buildLlamaGuardPrompt(conversation, role));
    return parseLlamaGuardAnswer(text);
  };
  return {
    name: `llm-judge:${options.mode}`,
    async classify(item) {
      const before = conversationOf(item);
      if (options.mode === 'llama-guard') {
        const hasRequest = before.some((m) => m.role === 'user');
        const [request, response] = await Promise.all([
          hasRequest ? guard(before, 'User') : Promise.resolve(undefined),
          guard([...before, { role: 'assistant', content: item.output }], 'Agent'),
        ]);
        return {
          ...(request ? { harm_category: harmCategoryFromVerdict(request) } : {}),
          policy_violation: policyViolationFromVerdict(response),
        };
      }
      const requestText = before.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
      const v = parseGenericJudgeAnswer(await client.chat(buildGenericJudgeMessages(requestText, item.output)));
      const refusalLabels: RefusalLabel[] = ['comply', 'partial', 'refuse'];
      return {
        harm_category: { top: v.harmCategory, scores: oneHot(HARM_CATEGORIES, [v.harmCategory]) },
        refusal: { label: v.refusal, scores: oneHot(refusalLabels, [v.refusal]) },
        policy_violation: {
          score: v.harmfulResponse ? 1 : 0,
          categories: v.harmfulResponse && v.harmCategory !== 'benign' ? { [v.harmCategory]: 1 } : {},
        },
        toxicity: { score: v.toxicity, subtypes: {} },
      };
    },
  };
}
