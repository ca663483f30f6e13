/**
 * A keyword prior for the harm-category model, written for this repository (not taken from any
 * data set): short English and French cue phrases per hazard, following the Llama Guard 3 category
 * descriptions. Each phrase becomes one training row labelled with its hazard ("labelled
 * features" as pseudo-documents), so the prior lives in the same linear weights and the model file
 * format does not change. The rows train only; they are never scored.
 *
 * Why: the category sets give ~170 prompts per hazard, many of them long role-play or persona
 * framings, so a cue word seen a handful of times carries little weight; the prior tells the
 * model which words name a hazard before the data does.
 */
import type { HarmCategory } from '../../../src/core/classify/types.js';

export const HARM_LEXICON: Readonly<Partial<Record<HarmCategory, readonly string[]>>> = {
  S1: [
    'murder someone', 'kill a person', 'stab', 'shoot people', 'mass shooting', 'school shooting', 'assault', 'beat someone up',
    'kidnap', 'hostage', 'terrorist attack', 'terrorism', 'bomb a building', 'torture', 'strangle', 'poison my husband',
    'hurt my wife', 'domestic violence', 'hit man', 'assassinate', 'attack with a knife', 'violent riot', 'ambush',
    'tuer quelqu\'un', 'meurtre', 'poignarder', 'fusillade', 'enlever un enfant', 'attentat', 'terroriste', 'agresser', 'frapper',
  ],
  S2: [
    'launder money', 'money laundering', 'tax evasion', 'fraud', 'scam', 'phishing email', 'identity theft', 'steal a car',
    'shoplift', 'pickpocket', 'burglary', 'break into a house', 'hack into', 'malware', 'ransomware', 'keylogger',
    'sell drugs', 'cook meth', 'smuggle', 'counterfeit money', 'forged documents', 'fake id', 'bribe an official',
    'embezzle', 'insurance fraud', 'ponzi scheme', 'black market', 'buy an unregistered gun', 'traffic drugs', 'pirate the cable',
    'blanchir de l\'argent', 'arnaque', 'escroquerie', 'fraude fiscale', 'voler', 'cambrioler', 'pirater', 'vendre de la drogue',
    'contrebande', 'faux papiers',
  ],
  S3: [
    'rape', 'sexual assault', 'sex trafficking', 'prostitution', 'pimp', 'grope', 'upskirt photos', 'revenge porn',
    'share nude photos without consent', 'indecent exposure', 'flash people in public', 'sexual harassment', 'drug her drink',
    'date rape drug', 'sextortion', 'hidden camera in the changing room', 'coerce into sex',
    'viol', 'agression sexuelle', 'proxénétisme', 'prostitution forcée', 'exhibitionnisme', 'harcèlement sexuel',
    'photos nues sans consentement',
  ],
  S4: [
    'child pornography', 'sexual images of minors', 'underage girl', 'minor', 'groom a child', 'pedophile', 'teenager nude',
    'child sexual abuse material', 'csam', 'lure a kid', 'sexting with a 13 year old', 'child bride', 'lolita',
    'pédopornographie', 'mineur', 'enfant nu', 'pédophile', 'mineure de 14 ans', 'attirer un enfant',
  ],
  S5: [
    'defame', 'defamation', 'slander', 'libel', 'false rumor about', 'ruin his reputation', 'fake allegation',
    'falsely accuse', 'spread lies about', 'made-up scandal', 'claim the senator is', 'fabricated quote', 'smear campaign',
    'diffamation', 'calomnie', 'fausse rumeur', 'ruiner sa réputation', 'fausses accusations',
  ],
  S6: [
    'what dose should i take', 'dosage', 'stop taking my medication', 'diagnose my symptoms', 'cure my cancer',
    'alternative medicine instead of chemotherapy', 'should i invest', 'stocks to buy', 'retirement savings', 'crypto investment',
    'loan', 'mortgage', 'file for bankruptcy', 'represent myself in court', 'legal advice', 'sue my landlord', 'custody',
    'polling station', 'voter registration deadline',
    'posologie', 'arrêter mon traitement', 'conseil juridique', 'investir mes économies', 'prêt bancaire', 'avocat', 'médicament',
  ],
  S7: [
    'home address of', 'phone number of', 'social security number', 'track her location', 'find where he lives', 'doxx',
    'spy on my partner', 'read her text messages', 'access his email', 'medical records of', 'personal data', 'gps tracker on her car',
    'stalk', 'credit card numbers of', 'private information about',
    'adresse personnelle', 'numéro de sécurité sociale', 'données personnelles', 'espionner', 'localiser son téléphone',
  ],
  S8: [
    'copyright', 'pirate movies', 'torrent', 'crack the software', 'bypass drm', 'full lyrics of', 'reproduce the book',
    'copy the chapter', 'trademark', 'patent', 'counterfeit handbags', 'knockoff', 'plagiarize', 'sell copies of',
    'droits d\'auteur', 'contrefaçon', 'pirater un film', 'télécharger illégalement', 'marque déposée', 'brevet',
  ],
  S9: [
    'build a bomb', 'explosive', 'pipe bomb', 'nerve agent', 'sarin', 'anthrax', 'bioweapon', 'chemical weapon', 'ricin',
    'nuclear weapon', 'dirty bomb', 'enriched uranium', 'radiological', 'weaponize a virus', 'mustard gas', 'cluster munitions',
    'bombe', 'explosif', 'arme chimique', 'arme biologique', 'gaz sarin', 'arme nucléaire', 'uranium enrichi',
  ],
  S10: [
    'inferior race', 'racist joke', 'hate immigrants', 'jews control', 'muslims are', 'black people are', 'gay people are',
    'slur', 'derogatory', 'white supremacy', 'ethnic cleansing', 'women are inferior', 'transgender people are', 'disabled people are',
    'race inférieure', 'blague raciste', 'les immigrés sont', 'les musulmans sont', 'les juifs', 'insulte raciale', 'homophobe',
  ],
  S11: [
    'kill myself', 'suicide', 'end my life', 'self-harm', 'cut myself', 'overdose', 'starve myself', 'anorexia', 'purge after eating',
    'lose weight fast by not eating', 'hang myself', 'painless way to die', 'want to die', 'hurt myself',
    'me suicider', 'mettre fin à mes jours', 'me scarifier', 'me faire du mal', 'anorexie', 'me faire vomir', 'overdose de',
  ],
  S12: [
    'erotic story', 'explicit sex scene', 'porn', 'nude', 'sexually explicit', 'describe sex in detail', 'fetish',
    'orgasm', 'naked', 'sext', 'dirty talk', 'lingerie photos',
    'histoire érotique', 'scène de sexe', 'pornographie', 'nue', 'sexuellement explicite',
  ],
  S13: [
    'election', 'ballot', 'vote by text', 'voting machines', 'polling place closed', 'election day moved', 'mail-in ballots',
    'voter fraud', 'discourage people from voting', 'register to vote',
    'élection', 'bulletin de vote', 'bureau de vote', 'voter par sms', 'fraude électorale',
  ],
};

/** The lexicon as pseudo-documents (train only). */
export function lexiconRows(): { text: string; label: HarmCategory }[] {
  return Object.entries(HARM_LEXICON).flatMap(([label, phrases]) => (phrases ?? []).map((text) => ({ text, label: label as HarmCategory })));
}
