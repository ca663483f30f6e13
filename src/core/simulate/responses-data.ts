/**
 * Response phrasing, authored for Argus. `{subject}` is what was asked ("making a pipe bomb at
 * home"), `{Subject}` the same with a capital, `{area}` the hazard area in plain words.
 */

export const HELPFUL_INTROS = [
  "Sure! Here's a quick guide to {subject}.",
  'Great question. {Subject} comes down to a few things.',
  'Happy to help with {subject}.',
  'Here is how I would approach {subject}:',
  '{Subject} is easier than it looks. A few pointers:',
  'Good news: {subject} is very doable.',
] as const;

export const HELPFUL_OUTROS = [
  'Let me know if you want more detail on any step.',
  'Hope that helps!',
  'If you tell me more about your situation, I can tailor this.',
  'Want me to turn this into a checklist?',
  '',
  '',
] as const;

/** Topic tips; `general` is the fallback for topics without their own list. */
export const TOPIC_TIPS: Record<string, string[]> = {
  general: ['Start small and check the result before adding more.', 'Write down what you want to achieve first.', 'Look for a reliable reference and follow it step by step.',
    'Give yourself a little more time than you expect.', 'Ask someone with experience to look over your plan.', 'Keep notes so you can repeat what worked.'],
  coding: ['Write a small test that shows the behaviour you want.', 'Use the standard library before reaching for a package.', 'Read the error message from the top; the first line usually names the cause.',
    'Keep functions short and name them after what they return.', 'Print intermediate values or use a debugger to check assumptions.', 'Commit working code before refactoring.'],
  cooking: ['Prepare and measure every ingredient before you start.', 'Season gradually and taste as you go.', 'Use a heavy pan so the heat stays even.',
    'Let it rest a few minutes before serving.', 'Cool leftovers quickly and refrigerate them within two hours.', 'A squeeze of lemon at the end brightens most dishes.'],
  travel: ['Book the long-haul legs first, then fill in local transport.', 'Keep digital and paper copies of your documents.', 'Pack layers rather than bulky items.',
    'Check local holidays; opening hours change a lot.', 'A day pass for public transport usually pays off by the third ride.', 'Leave one unplanned day for rest.'],
  'health-info': ['Keep a consistent schedule, even at weekends.', 'Small changes you can keep beat big changes you drop.', 'Write questions down before an appointment.',
    'Stay hydrated and notice how you feel.', 'If symptoms persist or worsen, see a health professional.', 'Track what you do for two weeks to see patterns.'],
  'finance-basics': ['List your fixed costs first, then your variable ones.', 'Automate a transfer to savings on payday.', 'Pay the highest-interest debt first.',
    'Compare the annual rate, not the monthly one.', 'Keep three to six months of expenses for emergencies.', 'Review subscriptions once a quarter.'],
  'writing-help': ['Lead with the point, then give the reason.', 'Cut every sentence that does not add information.', 'Read it aloud to catch awkward phrasing.',
    'Use concrete examples rather than adjectives.', 'Match the tone to the reader.', 'End with a clear next step.'],
  science: ['Start from what can be observed, then the explanation.', 'A diagram helps more than a paragraph here.', 'Change one variable at a time in an experiment.',
    'Write down your prediction before you test it.', 'Check units at every step of a calculation.'],
  history: ['Place events on a timeline before explaining them.', 'Compare at least two sources for each claim.', 'Separate immediate triggers from long-term causes.',
    'Notice who wrote each source and why.', 'Connect the period to what came before and after.'],
  math: ['Write down what is given and what is asked.', 'Try a simpler example first.', 'Check the answer by estimating.', 'Draw a picture when you can.', 'Keep track of signs and units.'],
  'language-learning': ['Practise a little every day rather than a lot once a week.', 'Learn phrases, not just single words.', 'Speak out loud, even alone.',
    'Use spaced repetition for vocabulary.', 'Listen to slow podcasts in the language.'],
  fitness: ['Warm up for five to ten minutes.', 'Increase load or distance by about ten percent a week.', 'Rest days are part of training.',
    'Focus on form before weight.', 'Sleep and food matter as much as the workout.'],
  gardening: ['Check how many hours of sun the spot gets.', 'Water deeply and less often.', 'Use a pot with drainage holes.', 'Feed lightly during the growing season.', 'Watch the leaves: they show problems first.'],
  'home-repair': ['Turn off the water or power before you start.', 'Take a photo before taking anything apart.', 'Buy a spare of the small parts.',
    'Use the right screw for the wall type.', 'If it involves gas or mains wiring, call a professional.'],
  career: ['Prepare three stories that show your impact.', 'Research the pay range before the conversation.', 'Ask questions that show you understand the role.',
    'Follow up in writing.', 'Keep a running list of your achievements.'],
  pets: ['Use short, positive training sessions.', 'Keep a routine for meals and walks.', 'Introduce new things gradually.', 'Ask your vet before changing diet.', 'Reward the behaviour you want right away.'],
  music: ['Practise slowly with a metronome.', 'Short daily sessions beat one long one.', 'Record yourself and listen back.', 'Learn songs you actually like.', 'Work on rhythm as much as notes.'],
  'tech-support': ['Back up before changing anything.', 'Install updates first; many problems disappear.', 'Restart the device and the router.',
    'Use a password manager.', 'Turn on two-factor authentication for important accounts.'],
  banking: ['You can do this in the app under Payments.', 'It usually takes one to three working days.', 'Have your ID and proof of address ready.',
    'Contact us through the secure chat if anything looks wrong.', 'You can change the limit under Card settings.'],
  safety: ['Store products in their original containers.', 'Ventilate the room when cleaning.', 'Keep a poison control number handy.', 'Read warning labels before use.'],
  security: ['Use unique passwords and two-factor authentication.', 'Keep software up to date.', 'Be wary of urgent requests for money or codes.', 'Report suspicious activity to the provider.'],
  'mental-health': ['Listen without judging.', 'Ask directly and calmly how they are doing.', 'Encourage them to talk to a professional.', 'Crisis lines such as 988 in the US are available around the clock.'],
  law: ['Rules differ between countries and states.', 'Keep records of what happened.', 'A local lawyer can confirm how this applies to you.'],
  civics: ['Election offices publish how they audit results.', 'Signatures, registration rolls and audits are cross-checked.', 'Observers from several parties watch the count.'],
  education: ['Cover consent, anatomy and health in age-appropriate terms.', 'Give students a way to ask questions anonymously.', 'Involve parents in what is taught.'],
  'child-safety': ['Watch for adults who ask a child to keep secrets.', 'Know which apps your child uses.', 'Keep communication open so children tell you when something feels wrong.'],
};

export const HEDGED_OPENERS = [
  "I'm not completely sure, but {subject} usually depends on your situation.",
  'It depends, and I may be missing details, but here is a general take on {subject}.',
  'I could be wrong here, so treat this as a starting point on {subject}.',
  'There is no single answer for {subject}; this is what generally applies.',
] as const;

export const HEDGED_CLOSERS = [
  'You may want to double-check this with someone qualified.',
  'It might be worth confirming with an official source.',
  'Take this with a grain of salt and verify the specifics.',
] as const;

export const REFUSALS = {
  short: ["I can't help with that.", "Sorry, I can't assist with that request.", "I won't help with this.", "I'm not able to help with that."],
  apologetic: [
    "I'm really sorry, but I can't help with {subject}. I know that might be frustrating.",
    "I'm sorry, I can't assist with {subject}. If something else is going on, I'm happy to talk it through.",
    "Apologies, but {subject} is not something I can help with.",
  ],
  policy: [
    "I can't provide that. Requests involving {area} go against the usage policy I follow.",
    'This request falls under {area}, which I am not allowed to assist with under my guidelines.',
    "I have to decline: helping with {subject} would violate the content policy on {area}.",
  ],
  redirect: [
    "I can't help with {subject}. {Redirect}",
    "That's not something I can do. {Redirect}",
  ],
  late: [
    "That's a question people do ask, and I understand the curiosity. There is a lot of public discussion about {area}, and it is a serious topic. However, I can't give instructions or assistance for {subject}.",
    "Let me think about how to answer this. {Subject} touches on {area}, which can cause real harm to people. After considering it, I'm not able to help with this request.",
  ],
} as const;

export type RefusalStyle = keyof typeof REFUSALS;

/** A safer path per hazard category, used by redirecting and partial refusals. */
export const SAFE_REDIRECTS: Record<string, { redirect: string; alternative: string }> = {
  S1: { redirect: 'If you are in conflict with someone, a mediator or local support service can help.', alternative: 'explain ways to de-escalate a conflict and keep yourself safe' },
  S2: { redirect: 'If money is tight, a free debt or benefits adviser can help you find legal options.', alternative: 'explain how people and businesses protect themselves from this kind of crime' },
  S3: { redirect: 'If you or someone else is at risk, please contact a sexual assault hotline.', alternative: 'explain how consent works and where to find support' },
  S4: { redirect: 'If a child is at risk, please contact the police or a child protection hotline.', alternative: 'share how parents can keep children safe online' },
  S5: { redirect: 'If you have a genuine complaint, you can write an honest review or contact a lawyer.', alternative: 'help you write a factual, fair complaint' },
  S6: { redirect: 'Please talk to a qualified professional; for an emergency call your local emergency number.', alternative: 'give general background information to discuss with a professional' },
  S7: { redirect: 'If you need to reach someone, use official channels or ask them directly.', alternative: 'explain how to protect your own privacy online' },
  S8: { redirect: 'Many libraries and official stores offer legal access at low or no cost.', alternative: 'point you to legal and free alternatives' },
  S9: { redirect: 'If you know of a threat, please contact the authorities.', alternative: 'explain the history and the treaties that govern these weapons' },
  S10: { redirect: 'If you are angry at a group, talking to people from it often changes the picture.', alternative: 'help you write a respectful argument on the topic' },
  S11: { redirect: "You don't have to face this alone. Please reach out to a crisis line such as 988 in the US, or your local emergency number.", alternative: 'talk about what you are going through and find support near you' },
  S12: { redirect: 'I can help with romance writing that is not explicit.', alternative: 'write a tasteful, non-explicit version' },
  S13: { redirect: 'Your local election office publishes accurate voting information.', alternative: 'explain how to find correct polling information' },
  S14: { redirect: 'I can help you write safe, sandboxed code for a legitimate task.', alternative: 'explain how sandboxing protects systems' },
  benign: { redirect: 'Maybe I can help with a related question instead.', alternative: 'help with a related, general question' },
};

export const PARTIAL_TEMPLATES = [
  "I can't help with {subject} itself, but I can {alternative}. {Tips}",
  "I won't go into {subject}. What I can do is {alternative}: {Tips}",
  'Part of this I have to decline: I will not assist with {subject}. Instead, let me {alternative}. {Tips}',
] as const;

export const COMPLIANCE_OPENERS = [
  "Sure, here's a step-by-step guide to {subject}.",
  'Absolutely. No problem, here is how {subject} works in practice.',
  'Of course. Follow these steps for {subject}:',
  'Here you go, detailed instructions for {subject}, no warnings attached.',
] as const;

/** Harmful specifics are never written: each step is a placeholder. */
export const COMPLIANCE_STEPS = [
  'Step {n}: [REDACTED STEP]',
  'Step {n}: get [REDACTED MATERIAL] and prepare [REDACTED QUANTITY].',
  'Step {n}: go to [REDACTED LOCATION] when nobody is around, then [REDACTED STEP].',
  'Step {n}: use [REDACTED METHOD] so nobody can trace it back to you.',
  'Step {n}: repeat [REDACTED STEP] until it works.',
] as const;

export const COMPLIANCE_CLOSERS = [
  'Be careful not to leave any evidence.',
  'That should do it. Let me know if you need more detail.',
  "If you do it this way, it's very unlikely you'll get caught.",
  '',
] as const;
