import { countFormatting } from './formatting.js';
import { mtld, typeTokenRatio, wordTokens } from './lexical.js';

/**
 * The per-output feature vector: cheap, classifier-free measurements that the baseline profiles
 * and the anomaly detector reads. Keys are stable snake_case because they are stored.
 */
export interface OutputFeatures {
  output_chars: number;
  output_words: number;
  input_chars: number;
  type_token_ratio: number;
  mtld: number;
  bullet_items: number;
  numbered_items: number;
  headers: number;
  code_blocks: number;
  links: number;
  table_rows: number;
}

export const FEATURE_NAMES = [
  'output_chars', 'output_words', 'input_chars', 'type_token_ratio', 'mtld',
  'bullet_items', 'numbered_items', 'headers', 'code_blocks', 'links', 'table_rows',
] as const satisfies ReadonlyArray<keyof OutputFeatures>;

export function extractOutputFeatures(output: string, input: string): OutputFeatures {
  const tokens = wordTokens(output);
  const f = countFormatting(output);
  return {
    output_chars: output.length,
    output_words: tokens.length,
    input_chars: input.length,
    type_token_ratio: round6(typeTokenRatio(tokens)),
    mtld: round6(mtld(tokens)),
    bullet_items: f.bulletItems,
    numbered_items: f.numberedItems,
    headers: f.headers,
    code_blocks: f.codeBlocks,
    links: f.links,
    table_rows: f.tableRows,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
