/** Lower-cased word tokens: letters and digits (any script), apostrophes kept inside words. */
export function wordTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];
}

/** Type-token ratio: distinct words / words; 0 for no words. */
export function typeTokenRatio(tokens: readonly string[]): number {
  return tokens.length === 0 ? 0 : new Set(tokens).size / tokens.length;
}

/**
 * MTLD, the measure of textual lexical diversity (McCarthy & Jarvis 2010, Behavior Research
 * Methods 42(2)). Walk the tokens keeping a running TTR; each time it falls to the threshold
 * (0.72) a factor ends and the count restarts. The leftover adds a partial factor
 * (1 - ttr) / (1 - 0.72). MTLD = tokens / factors, averaged over a forward and a backward pass.
 * Unlike TTR it does not fall with text length, which matters when lengths drift.
 *
 * Example: 'the cat the cat the cat' -> forward: ttr hits 0.5 <= 0.72 at token 3... ~2.2.
 * Texts too short to end one factor get tokens / partial factor; an empty text gets 0.
 */
export function mtld(tokens: readonly string[], threshold = 0.72): number {
  if (tokens.length === 0) return 0;
  const forward = mtldPass(tokens, threshold);
  const backward = mtldPass([...tokens].reverse(), threshold);
  return (forward + backward) / 2;
}

function mtldPass(tokens: readonly string[], threshold: number): number {
  let factors = 0;
  let types = new Set<string>();
  let count = 0;
  let ttr = 1;
  for (const t of tokens) {
    types.add(t);
    count++;
    ttr = types.size / count;
    if (ttr <= threshold) {
      factors++;
      types = new Set();
      count = 0;
      ttr = 1;
    }
  }
  if (count > 0) factors += (1 - ttr) / (1 - threshold);
  // All-distinct text never closes a factor: its diversity is at least its length.
  return factors === 0 ? tokens.length : tokens.length / factors;
}
