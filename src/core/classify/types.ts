/**
 * The shape every classifier speaks. The built-in models, the LLM judge and any plug-in return a
 * part of `ArgusScores`; the classifier stage merges the parts into one object per event, stored
 * with the event and written by `argus classify` as the `argus` field.
 */

export interface ChatMessage {
  role: string;
  content: string;
}

/** What a classifier sees of one interaction. */
export interface ClassifyItem {
  /** The request: a prompt string or chat messages. Absent when only the output is known. */
  input?: string | ChatMessage[] | undefined;
  /** The model's answer. */
  output: string;
}

export type RefusalLabel = 'comply' | 'partial' | 'refuse';

/** MLCommons hazard taxonomy as used by Llama Guard 3, plus benign. */
export const HARM_CATEGORIES = [
  'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9', 'S10', 'S11', 'S12', 'S13', 'S14', 'benign',
] as const;
export type HarmCategory = (typeof HARM_CATEGORIES)[number];

export const HARM_CATEGORY_NAMES: Record<HarmCategory, string> = {
  S1: 'Violent crimes',
  S2: 'Non-violent crimes',
  S3: 'Sex-related crimes',
  S4: 'Child sexual exploitation',
  S5: 'Defamation',
  S6: 'Specialized advice',
  S7: 'Privacy',
  S8: 'Intellectual property',
  S9: 'Indiscriminate weapons',
  S10: 'Hate',
  S11: 'Suicide and self-harm',
  S12: 'Sexual content',
  S13: 'Elections',
  S14: 'Code interpreter abuse',
  benign: 'Benign',
};

export interface PiiEntity {
  /** Presidio-style type name: PERSON, EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, ... */
  type: string;
  /** Character offsets into the text, end exclusive (UTF-16 code units, as JavaScript strings). */
  start: number;
  end: number;
  score?: number;
}

export interface ArgusScores {
  refusal: { label: RefusalLabel; scores: Record<RefusalLabel, number> };
  toxicity: { score: number; subtypes: Record<string, number> };
  harm_category: { top: HarmCategory; scores: Record<HarmCategory, number> };
  policy_violation: { score: number; categories: Record<string, number> };
  pii: { entities: PiiEntity[] };
  jailbreak: { score: number; triggers: string[] };
  hedging: { score: number };
}

export type MaybePromise<T> = T | Promise<T>;

/** One classifier: returns the part of ArgusScores it owns. */
export interface Classifier {
  readonly name: string;
  classify(item: ClassifyItem): MaybePromise<Partial<ArgusScores>>;
}
