import { getLexicon } from './lexicon.js';

/**
 * The word lists the PII finders test every word token against, folded into one map from a
 * lower-case word to a bit set (WordToken.tags, looked up once per token by wordTokens). Each finder
 * used to ask its own Set about every token — about ten string-set lookups per word, the largest
 * single cost of detectPii — where one map lookup and bit tests now give the same answers.
 */
export const TAG = {
  streetSuffix: 1 << 0,
  streetTypeBefore: 1 << 1,
  unit: 1 << 2,
  zip: 1 << 3,
  month: 1 << 4,
  addressCue: 1 << 5,
  urlHead: 1 << 6,
  assignmentHead: 1 << 7,
  honorific: 1 << 8,
  firstName: 1 << 9,
  lastName: 1 << 10,
  functionWord: 1 << 11,
  place: 1 << 12,
  organization: 1 << 13,
  common: 1 << 14,
  demonym: 1 << 15,
  orgSuffix: 1 << 16,
} as const;

/** Street types written after the name ("Nelson Mandela Drive"). */
const SUFFIX_AFTER = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'lane', 'ln', 'drive', 'dr', 'boulevard', 'blvd',
  'way', 'court', 'ct', 'place', 'pl', 'square', 'sq', 'terrace', 'parkway', 'pkwy', 'highway', 'hwy', 'circle', 'cir',
  'crescent', 'close', 'alley', 'trail', 'grove', 'row', 'hill', 'gardens', 'mews', 'wharf', 'quay', 'esplanade']);
/** Street types written before the name ("rue Descartes", "Via Roma"). */
const TYPE_BEFORE = new Set(['rue', 'via', 'viale', 'calle', 'avenida', 'rua', 'piazza', 'plaza', 'praça', 'corso', 'largo',
  'ulica', 'ul', 'chemin', 'route', 'allée', 'quai', 'travessa', 'estrada', 'rambla', 'carrer', 'paseo', 'strada', 'aleja',
  'plac', 'náměstí', 'calea', 'avenue', 'boulevard', 'impasse', 'rua', 'camino', 'vicolo']);
/** Words that open a unit ("Apt. 018", "Suite 771"). */
const UNIT_WORDS = new Set(['apt', 'apartment', 'suite', 'ste', 'unit', 'flat', 'floor', 'fl', 'room', 'rm', 'bldg', 'building']);
/** Cues for a ZIP or postal code. */
const ZIP_WORDS = new Set(['zip', 'zipcode', 'postal', 'post', 'postcode']);
/** First words of an address cue ("lives at", "ship to"). */
const CUE_HEADS = new Set(['address', 'addresses', 'live', 'lives', 'lived', 'located', 'return', 'returned', 'ship', 'shipped',
  'send', 'deliver', 'delivered', 'moved', 'reside', 'resides', 'stay', 'staying']);
/** Month names and abbreviations. */
const MONTH_WORDS = new Set(['jan', 'january', 'feb', 'february', 'mar', 'march', 'apr', 'april', 'may', 'jun', 'june', 'jul',
  'july', 'aug', 'august', 'sep', 'sept', 'september', 'oct', 'october', 'nov', 'november', 'dec', 'december']);
/** Tokens a URL starts at. */
const URL_HEADS = new Set(['http', 'https', 'ftp', 'www']);
/** First words of a credential assignment ("password: …", "api_key=…"). */
const ASSIGNMENT_HEADS = new Set(['password', 'passwd', 'pwd', 'secret', 'api', 'apikey', 'access', 'auth', 'client', 'token']);

let table: Map<string, number> | undefined;

function build(): Map<string, number> {
  const lex = getLexicon();
  const map = new Map<string, number>();
  const add = (words: Iterable<string>, bit: number) => {
    for (const w of words) map.set(w, (map.get(w) ?? 0) | bit);
  };
  add(SUFFIX_AFTER, TAG.streetSuffix);
  add(TYPE_BEFORE, TAG.streetTypeBefore);
  add(UNIT_WORDS, TAG.unit);
  add(ZIP_WORDS, TAG.zip);
  add(CUE_HEADS, TAG.addressCue);
  add(MONTH_WORDS, TAG.month);
  add(URL_HEADS, TAG.urlHead);
  add(ASSIGNMENT_HEADS, TAG.assignmentHead);
  add(lex.honorifics, TAG.honorific);
  add(lex.firstNames, TAG.firstName);
  add(lex.lastNames, TAG.lastName);
  add(lex.functionWords, TAG.functionWord);
  add(lex.places, TAG.place);
  add(lex.organizations, TAG.organization);
  add(lex.common, TAG.common);
  add(lex.demonyms, TAG.demonym);
  add(lex.orgSuffixes, TAG.orgSuffix);
  return map;
}

/** The TAG bits of a lower-case word (0 when it is in no list). The map is built on first call. */
export function wordTagsOf(lower: string): number {
  table ??= build();
  return table.get(lower) ?? 0;
}
