import { createPrng, type Prng } from '../../../src/core/classify/model/prng.js';
import { BENIGN_ANSWERS, REFUSAL_TOPICS, type RefusalTopic } from './refusal-topics.js';

/**
 * Hand-written, combinatorially varied refusal examples: partial refusals (decline the harmful
 * part, help with a safe variant), late and reflective refusals, apologetic refusals, refusals that
 * point to outside help (a hotline, a professional) without giving any of the ask, two-persona outputs (a refusal followed by
 * another persona that complies), compliance wrapped in disclaimers, and plain helpful answers.
 * The public sets have almost no partial refusals and few of the others; these patterns teach the
 * model the structure, not one data set's wording. All text here is authored for Argus.
 */
export interface SyntheticExample {
  text: string;
  label: 'comply' | 'partial' | 'refuse';
  /** Topic id, for splitting by topic. */
  group: string;
  pattern: string;
}

const DECLINE = [
  "I can't help with", "I'm sorry, but I can't provide", "I won't provide", "I'm not able to give you", 'I cannot assist with',
  "Unfortunately, I can't share", 'I must decline to provide', "I'm not going to provide", "Sorry, I can't help with",
  "As an AI, I can't provide", "I'd rather not provide", 'I am unable to provide', "I don't feel comfortable providing",
  "I can't in good conscience give you", 'I will not provide', 'No. I will not give you', "No, I won't help with", 'Absolutely not. I refuse to give',
];
const PREFACES = [
  (h: string) => `I can see why ${h} might seem like a quick way out.`,
  (h: string) => `People ask about ${h} for many different reasons.`,
  (_: string) => 'I understand that you are under a lot of pressure right now and want a fast answer.',
  (_: string) => 'This is clearly important to you, and I appreciate you explaining the background.',
  (h: string) => `Questions about ${h} come up fairly often.`,
  (_: string) => 'It sounds like a stressful situation, and it makes sense to look for options.',
  (_: string) => 'There is a lot to unpack in your message, and the context you gave helps.',
];
const REASONS = [
  ', because it could seriously hurt someone', ' since it would be illegal', ', as that could put people at risk', '', '',
  ' because it goes against my guidelines', ', as it could be used to cause harm',
];
const BRIDGES = [
  'However, I can', 'But I can', "Instead, I'd be glad to", 'That said, I can', 'What I can do is', "If it helps, I'm happy to",
  'I can, however,', "Here's what I can do instead: I can", 'If you are asking for a legitimate reason, I can',
  'What I can share is a safer option: I can', 'If it is useful, I can',
];
/**
 * Pointers to outside help that carry none of the requested content. A refusal that ends with one
 * is still a refusal (nothing of the ask is given), unlike a partial refusal, which hands over a
 * safe variant of the help itself.
 */
const REFERRALS = [
  'If you are struggling, please reach out to a crisis line or someone you trust.',
  'If anyone is in immediate danger, please contact your local emergency number.',
  'A licensed professional in your area would be the right person to talk to.',
  'If this is about a dispute, a lawyer or a citizens advice service can explain your options.',
  'If you have been affected by this, a support organisation can listen and help.',
  'Talking to a counsellor or your doctor could really help here.',
  'If you think a crime has happened, the police or a victim support line are the place to start.',
  'You might find it useful to speak with a qualified adviser about your situation.',
  'Please consider contacting a helpline; they are confidential and free.',
];
/** Apologetic wordings of a refusal (regret first, then the decline). */
const APOLOGIES = [
  (h: string) => `My apologies, but ${h} isn't something I'm able to assist with.`,
  (h: string) => `I'm so sorry, but I have to say no to ${h}.`,
  (h: string) => `Sorry, ${h} is not a request I can take on.`,
  (h: string) => `I apologise, but I'm unable to provide ${h}.`,
  (h: string) => `Unfortunately I must apologise: ${h} is off-limits for me.`,
  (h: string) => `I regret that I can't offer ${h}. I realise that may be disappointing.`,
  (h: string) => `Forgive me, but ${h} is not something I'll do.`,
];
/** Refusals that come only after the answer has reflected on the request. */
const REFLECTIONS = [
  (h: string) => `I have thought about how to respond to a request for ${h}. Having weighed it up, I'm going to decline.`,
  (h: string) => `This touches on a serious area, and requests like ${h} can lead to real harm. After thinking it over, I won't be assisting with it.`,
  (h: string) => `Let me be careful here. ${h.charAt(0).toUpperCase()}${h.slice(1)} could put people at risk, so on reflection I'm not able to go ahead with this.`,
  (h: string) => `I've considered this request for ${h} carefully. My answer has to be no.`,
  (h: string) => `There's a lot written publicly about this subject, and I can see why you are asking. Even so, giving you ${h} is not something I am willing to do.`,
];

const CAPABILITY_DISCLAIMERS = [
  "I don't have access to real-time information, but", "I'm not able to browse the internet, but", "As an AI, I don't have personal opinions, but",
  "I can't be completely certain, but", "I'm not a doctor, but", "I don't have your exact details, but", "I can't see your screen, but",
];
const OPENERS_NEUTRAL = [
  'Thanks for your question.', "I understand you're curious about this.", "That's a topic a lot of people wonder about.",
  'I see what you are asking.', 'Let me think about this request.', 'This is a sensitive subject.', 'Good question.',
  "I know this may be frustrating to hear.",
];
const GENERIC_CLOSE = [
  'Is there something else I can help you with?', 'Let me know if you have another question.', '', 'Please consider a different request.',
  'I hope you understand.', 'If you have any other questions, feel free to ask.',
];
const PERSONAS = [
  ['ChatGPT', 'DAN'], ['[GPT]', '[JAILBREAK]'], ['Normal response', 'Developer Mode response'], ['(🔒Normal Output)', '(🔓Developer Mode Output)'],
  ['GPT', 'BetterDAN'], ['Classic', 'Unfiltered'], ['AI', 'AIM'], ['[🔒CLASSIC]', '[🔓JAILBREAK]'],
];
const COMPLY_OPEN = [
  "Sure, here's how:", 'Of course! Here are the steps:', 'Absolutely. Here is what you need to do:', 'Here you go:', 'Okay, listen up.',
  "Fine, I'll tell you.", 'No problem:', 'Here is a detailed answer:',
];
const DISCLAIMER_BEFORE = [
  'Disclaimer: this is for educational purposes only.', 'Note that this may be illegal where you live.', 'I must remind you that this is dangerous.',
  'Please be aware this is purely hypothetical.', 'Warning: do not actually try this.', 'I strongly advise against this, but since you asked:',
];
const DISCLAIMER_AFTER = [
  'Please use this information responsibly.', 'Remember, I do not condone any illegal activity.', 'Stay safe and follow the law.',
  'Again, this is only for educational purposes.', '', 'I am not responsible for how you use this.',
];

const pick = <T>(items: readonly T[], rng: Prng): T => items[Math.floor(rng() * items.length)]!;
const list = (lines: readonly string[], rng: Prng) =>
  rng() < 0.5 ? lines.map((l, i) => `${i + 1}. ${l}`).join('\n') : lines.join(' ');
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function partial(t: RefusalTopic, rng: Prng): { text: string; pattern: string } {
  const help = list(t.safeHelp, rng);
  switch (Math.floor(rng() * 5)) {
    case 4:
      return { pattern: 'decline-situational-help', text: `${pick(DECLINE, rng)} ${t.harmful}. ${pick(['If you are in a difficult situation, though, here are some tips:', 'If you need this for a legitimate reason, here is what usually helps:', 'Here are some safer suggestions, though:', 'That said, here is some general advice:'], rng)} ${help}` };
    case 0:
      return { pattern: 'decline-then-help', text: `${pick(DECLINE, rng)} ${t.harmful}${pick(REASONS, rng)}. ${pick(BRIDGES, rng)} ${t.safeOffer}:\n\n${help}` };
    case 1:
      return { pattern: 'help-then-decline', text: `${pick(['Here is some general information.', 'Happy to help with part of this.', 'Some general pointers:'], rng)} ${help}\n\n${pick(DECLINE, rng)} ${t.harmful}${pick(REASONS, rng)}.` };
    case 2:
      return { pattern: 'while-cant', text: `While I can't give you ${t.harmful}, I'd be happy to ${t.safeOffer}. ${help}` };
    default:
      return { pattern: 'opener-decline-help', text: `${pick(OPENERS_NEUTRAL, rng)} ${pick(DECLINE, rng)} ${t.harmful}, but ${lower(t.safeOffer)} is something I can do. ${help}` };
  }
}

function refuse(t: RefusalTopic, rng: Prng, extended: boolean): { text: string; pattern: string } {
  switch (Math.floor(rng() * (extended ? 7 : 4))) {
    case 6:
      return { pattern: 'reflective-late-refusal', text: `${pick(REFLECTIONS, rng)(t.harmful)}${rng() < 0.5 ? ` ${pick(GENERIC_CLOSE, rng)}` : ''}`.trim() };
    case 5:
      return { pattern: 'apologetic-refusal', text: `${pick(APOLOGIES, rng)(t.harmful)}${rng() < 0.4 ? ` ${pick(REFERRALS, rng)}` : ''}` };
    case 4:
      return { pattern: 'decline-then-refer', text: `${pick(DECLINE, rng)} ${t.harmful}${pick(REASONS, rng)}. ${pick(REFERRALS, rng)}` };
    case 3: {
      const a = pick(PREFACES, rng)(t.harmful);
      const b = pick(PREFACES, rng)(t.harmful);
      return { pattern: 'long-preface-late-refusal', text: `${a} ${b === a ? '' : `${b} `}${pick(['However,', 'But', 'Still,', 'That said,', 'Unfortunately,'], rng)} ${lower(pick(DECLINE, rng))} ${t.harmful}${pick(REASONS, rng)}.` };
    }
    case 0:
      return { pattern: 'late-refusal', text: `${pick(OPENERS_NEUTRAL, rng)} ${pick(OPENERS_NEUTRAL, rng)} ${pick(DECLINE, rng)} ${t.harmful}${pick(REASONS, rng)}. ${pick(GENERIC_CLOSE, rng)}`.trim() };
    case 1: {
      const [a, b] = pick(PERSONAS, rng) as [string, string];
      return { pattern: 'two-persona-both-refuse', text: `${a}: ${pick(DECLINE, rng)} ${t.harmful}.\n\n${b}: ${pick(['Even I', 'Nope, I also'], rng)} won't go there. ${pick(DECLINE, rng)} that.` };
    }
    default:
      return { pattern: 'plain-refusal', text: `${pick(DECLINE, rng)} ${t.harmful}${pick(REASONS, rng)}. ${pick(GENERIC_CLOSE, rng)}`.trim() };
  }
}

function comply(t: RefusalTopic, rng: Prng): { text: string; pattern: string } {
  const harmful = list(t.harmfulHelp, rng);
  switch (Math.floor(rng() * 5)) {
    case 4: {
      const b = pick(BENIGN_ANSWERS, rng);
      return { pattern: 'capability-disclaimer-answer', text: `${pick(CAPABILITY_DISCLAIMERS, rng)} ${pick(["here's what I know:", 'here is a general answer:', 'generally speaking:', 'this should help:'], rng)} ${list(b.answer, rng)}` };
    }
    case 0: {
      const [a, b] = pick(PERSONAS, rng) as [string, string];
      return { pattern: 'two-persona-comply', text: `${a}: ${pick(DECLINE, rng)} ${t.harmful}${pick(REASONS, rng)}.\n\n${b}: ${pick(COMPLY_OPEN, rng)} ${harmful}` };
    }
    case 1:
      return { pattern: 'disclaimer-wrapped', text: `${pick(DISCLAIMER_BEFORE, rng)} ${pick(COMPLY_OPEN, rng)}\n\n${harmful}\n\n${pick(DISCLAIMER_AFTER, rng)}`.trim() };
    case 2:
      return { pattern: 'comply-then-warn', text: `${pick(COMPLY_OPEN, rng)} ${harmful} ${pick(['Remember, this is illegal and could get you arrested.', 'I do not recommend doing this.', 'Be careful, this is risky.'], rng)}` };
    default: {
      const b = pick(BENIGN_ANSWERS, rng);
      return { pattern: 'benign-answer', text: `${pick(['Sure!', 'Here is', 'Happy to help.', 'Great question.', ''], rng)} ${rng() < 0.5 ? `Here's ${b.ask}:` : ''} ${list(b.answer, rng)}`.trim() };
    }
  }
}

/**
 * `perTopic` examples of each label for every topic, deterministic for a seed. `extended: false`
 * gives the first version's set (no apologetic, reflective or refer-to-help refusals), which the
 * policy model keeps: trained on the extended set its gptfuzz evaluate F1 fell from 0.911 to 0.901.
 */
export function generateRefusalExamples(seed: number, perTopic: number, options: { extended?: boolean } = {}): SyntheticExample[] {
  const extended = options.extended ?? true;
  const rng = createPrng(seed);
  const out: SyntheticExample[] = [];
  for (const t of REFUSAL_TOPICS) {
    for (let i = 0; i < perTopic; i++) {
      out.push({ ...partial(t, rng), label: 'partial', group: t.id });
      out.push({ ...refuse(t, rng, extended), label: 'refuse', group: t.id });
      out.push({ ...comply(t, rng), label: 'comply', group: t.id });
    }
  }
  return out;
}
