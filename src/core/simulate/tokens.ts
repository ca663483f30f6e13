/**
 * A tokenizer stand-in for `usage` counts and for streaming in token-sized pieces. Real BPE
 * vocabularies average about four characters of English per token (OpenAI, "What are tokens and
 * how to count them", 2023); this splits words into runs of at most six letters, numbers into
 * runs of three digits and keeps each other symbol apart, with leading whitespace attached.
 * The pieces concatenate back to the exact text.
 *
 * Example: "Hello, wonderful world!" → ["Hello", ",", " wonder", "ful", " world", "!"] = 6 tokens.
 */
const PIECE = /\s*(?:[A-Za-z]{1,6}|\d{1,3}|[^\sA-Za-z\d])|\s+$/g;

export function tokenPieces(text: string): string[] {
  return text.match(PIECE) ?? [];
}

export function countTokens(text: string): number {
  return tokenPieces(text).length;
}

/**
 * Prompt tokens of a chat request: each message's content plus 4 tokens of framing, plus 3 for
 * the assistant's reply header, following the accounting OpenAI documents for its chat models.
 */
export function countChatTokens(messages: readonly { role: string; content: string }[]): number {
  return messages.reduce((sum, m) => sum + 4 + countTokens(m.content) + countTokens(m.role) - 1, 3);
}

/** The first `maxTokens` pieces of the text, and whether it was cut. */
export function truncateToTokens(text: string, maxTokens: number): { text: string; truncated: boolean } {
  const pieces = tokenPieces(text);
  if (pieces.length <= maxTokens) return { text, truncated: false };
  return { text: pieces.slice(0, maxTokens).join(''), truncated: true };
}
