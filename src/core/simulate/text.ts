/** Small text helpers for the prompt and response templates. */

const DOUBLE_FINAL = new Set(['get', 'run', 'set', 'stop', 'put', 'trim', 'drug', 'kidnap', 'plan', 'dig', 'cut', 'hit', 'sit', 'shop', 'chat', 'grab', 'rob', 'swim', 'begin', 'jog']);

/** "make a bomb" → "making a bomb"; an adverb first ("secretly film") keeps its place. */
export function gerund(phrase: string): string {
  const words = phrase.split(' ');
  const at = words.length > 1 && /ly$/.test(words[0] ?? '') ? 1 : 0;
  const verb = words[at] ?? '';
  let ing: string;
  if (DOUBLE_FINAL.has(verb)) ing = `${verb}${verb.slice(-1)}ing`;
  else if (verb.endsWith('ie')) ing = `${verb.slice(0, -2)}ying`;
  else if (/[^aeiouy]e$/.test(verb) && verb !== 'be') ing = `${verb.slice(0, -1)}ing`;
  else ing = `${verb}ing`;
  words[at] = ing;
  return words.join(' ');
}

/** Lower-cases the first letter unless the text starts with the pronoun "I". */
export function lowerFirst(text: string): string {
  if (/^I\b/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Base64 of UTF-8 text, without Buffer so the core stays runtime-neutral. */
export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** Expands every `{slot}` in the text over its values (cartesian product); unknown slots stay. */
export function expandSlots(text: string, slots: Record<string, readonly string[]>): string[] {
  const match = /\{(\w+)\}/.exec(text);
  if (!match) return [text];
  const key = match[1] ?? '';
  const values = slots[key];
  if (!values) return [text];
  return values.flatMap((v) => expandSlots(text.replace(`{${key}}`, v), slots));
}
