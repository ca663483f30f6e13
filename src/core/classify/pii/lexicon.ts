import {
  COMMON_WORDS, DEMONYMS, FIRST_NAMES, LAST_NAMES, ORGANIZATIONS, PLACES,
} from './lexicon-data.js';

/**
 * Word sets the name finder consults. Built once per process on first use (a few ms) from the
 * generated lexicon-data.ts plus the short authored lists below.
 */
export interface Lexicon {
  firstNames: Set<string>;
  lastNames: Set<string>;
  /** Places, lower case; multi-word entries joined by a space. */
  places: Set<string>;
  /** First words of multi-word places, to know when to look further. */
  placeHeads: Set<string>;
  demonyms: Set<string>;
  organizations: Set<string>;
  common: Set<string>;
  /** Capitalised words that open sentences or headings and are never names on their own. */
  functionWords: Set<string>;
  honorifics: Set<string>;
  orgSuffixes: Set<string>;
  nameParticles: Set<string>;
}

const split = (s: string) => s.split(' ').filter(Boolean).map((w) => w.replace(/_/g, ' '));

// Authored. Words that are capitalised for grammatical reasons, not because they name someone.
const FUNCTION_WORDS = `i i'm i've i'd i'll a an the this that these those there here it its it's he she we they you
your my our their his her me him us them what when where why who whom whose which how if then else so but and or nor
not no yes ok okay please thanks thank hi hello hey dear yours sincerely regards best cheers note see also just only
also because since until while after before during with without within between among about above below from into onto
upon over under per via as at by for in of off on out to up new old first last next today tomorrow yesterday monday
tuesday wednesday thursday friday saturday sunday january february march april may june july august september october
november december mr mrs ms dr sir madam step q a answer question example summary conclusion introduction overview
warning error info important tip let can could would should will shall might must may do does did is are was were be
been being have has had get got make made use using used however therefore moreover furthermore additionally finally
firstly secondly unfortunately fortunately sure great good well sorry true false null none undefined
tel fax attn re fwd cc bcc subject ref`;

// Authored. Products and technologies that LLM answers name all the time; capitalised, never personal.
const TECH_TERMS = `docker git github gitlab python javascript typescript node nodejs npm react vue angular svelte kubernetes
linux ubuntu debian windows macos android ios iphone ipad google microsoft apple amazon aws azure gcp excel word powerpoint
outlook postgres postgresql mysql sqlite mongodb redis kafka nginx apache django flask rails ruby java kotlin swift rust
golang go php perl bash powershell terminal chrome firefox safari edge slack zoom teams jira confluence notion figma
chatgpt openai anthropic claude gpt llama gemini copilot stackoverflow wikipedia youtube facebook instagram twitter
linkedin tiktok reddit whatsapp telegram netflix spotify express spring jupyter pandas numpy pytorch tensorflow keras
vscode vim emacs json yaml html css sql graphql rest oauth jwt http https tcp udp dns`;

const HONORIFICS = 'mr mrs ms miss mx dr prof sir madam dame lord lady rev fr sr jr mme mlle herr frau sra sr sgt capt lt col gen';

const ORG_SUFFIXES = `inc inc. incorporated corp corp. corporation co co. company ltd ltd. limited llc llp lp plc gmbh ag sa s.a.
bv nv oy ab as asa kk pty group holdings partners associates bank university college institute foundation trust
consulting software systems technologies technology solutions labs laboratories media studios industries enterprises
services agency capital ventures pharmaceuticals motors airlines insurance hospital clinic school academy council
committee association society federation union network networks communications international`;

const PARTICLES = "van von de der den da di del della des du la le dos das ten ter bin ibn al el st. st y e";

let cached: Lexicon | undefined;

/** The shared lexicon, built on first call. */
export function getLexicon(): Lexicon {
  if (cached) return cached;
  const places = new Set(split(PLACES));
  cached = {
    firstNames: new Set(split(FIRST_NAMES)),
    lastNames: new Set(split(LAST_NAMES)),
    places,
    placeHeads: new Set([...places].filter((p) => p.includes(' ')).map((p) => p.split(' ')[0] ?? '')),
    demonyms: new Set(split(DEMONYMS)),
    organizations: new Set(split(ORGANIZATIONS)),
    common: new Set([...split(COMMON_WORDS), ...split(TECH_TERMS.replace(/\n/g, ' '))]),
    functionWords: new Set(split(FUNCTION_WORDS.replace(/\n/g, ' '))),
    honorifics: new Set(split(HONORIFICS)),
    orgSuffixes: new Set(split(ORG_SUFFIXES.replace(/\n/g, ' '))),
    nameParticles: new Set(split(PARTICLES)),
  };
  return cached;
}
