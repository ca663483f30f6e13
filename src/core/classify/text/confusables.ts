/**
 * Latin look-alikes that NFKC leaves alone: Cyrillic, Greek, and a few symbol letters that
 * attackers swap in so "kіll" (Cyrillic і) slips past a word list. Hand-picked from the Unicode
 * confusables table (UTS #39, confusables.txt), lower-case targets only, since normalisation
 * lower-cases first. Only characters whose usual glyph is indistinguishable from the Latin letter
 * are listed, so real Greek or Russian text is folded only where it already looks Latin.
 */
const PAIRS: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y',
  х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', һ: 'h', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', ʏ: 'y', ӏ: 'l',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
  ϲ: 'c', ϳ: 'j', ω: 'w', γ: 'y',
  // Latin extensions and IPA letters that render as plain letters
  ı: 'i', ȷ: 'j', ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ŧ: 't', ƅ: 'b', ɑ: 'a', ɩ: 'i', ɪ: 'i', ɴ: 'n',
  ʀ: 'r', ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ғ: 'f', ʜ: 'h', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm',
  ᴏ: 'o', ᴘ: 'p', ǫ: 'q', ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ᴢ: 'z', ß: 'ss',
};

/** Code point of a confusable lower-case letter → its Latin replacement. */
export const CONFUSABLES: ReadonlyMap<number, string> = new Map(
  Object.entries(PAIRS).map(([from, to]) => [from.codePointAt(0) as number, to]),
);

/**
 * Leetspeak digits and symbols read as letters. Applied only inside a token that also holds
 * letters (so "2024" and "$5" stay as they are).
 */
export const LEET: ReadonlyMap<string, string> = new Map([
  ['0', 'o'], ['1', 'i'], ['3', 'e'], ['4', 'a'], ['5', 's'], ['7', 't'], ['8', 'b'], ['9', 'g'],
  ['@', 'a'], ['$', 's'], ['!', 'i'], ['|', 'l'], ['+', 't'],
]);
