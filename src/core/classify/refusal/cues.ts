/**
 * Phrase cues for refusal structure, matched on normalised text (lower case, straight quotes,
 * leetspeak and homoglyphs folded). They are inputs to the learned model, not the decision: the
 * model weighs them together with n-grams, so a cue that misfires on one data set costs little.
 */

/** The speaker declines: "i'm sorry, but i can't", "as an ai", "i must decline", … */
export const REFUSAL_CUE = new RegExp(
  [
    "\\bi'?m (?:really |very |so )?sorry\\b",
    '\\bi am (?:really |very |so )?sorry\\b',
    '\\bi apologi[sz]e\\b',
    "\\bi (?:cannot|can ?not|can'?t|won'?t|will not|must not|shouldn'?t|should not|refuse to|must decline|have to decline|need to decline|decline to)\\b",
    "\\bi'?m (?:not able|unable|not going|not programmed|not allowed|not comfortable|afraid i (?:can'?t|cannot))\\b",
    '\\bi am (?:not able|unable|not going|not programmed|not allowed|not comfortable)\\b',
    "\\bi (?:don'?t|do not) (?:feel comfortable|think i (?:can|should)|provide|condone|support|engage)\\b",
    "\\bi'?d rather not\\b",
    '\\bas an ai\\b', '\\bas a language model\\b', "\\bi'?m (?:just |only )?an ai\\b", '\\bai language model\\b',
    '\\b(?:against|violates?|outside) (?:my|the|our|openai\'?s?) (?:guidelines|policy|policies|programming|principles|ethical|content)\\b',
    '\\bnot (?:within|in line with) my\\b',
    "\\b(?:cannot|can'?t|unable to|not able to) (?:help|assist|fulfil+|comply|provide|create|generate|write|share|support|give|engage|answer|do that)\\b",
    "\\b(?:that'?s|it'?s|this is) not something i (?:can|will)\\b",
    '\\bnot (?:appropriate|ethical|advisable) (?:for me )?to\\b',
    '\\b(?:is|are|be) (?:illegal|unethical|harmful|dangerous) and\\b',
    '\\bunfortunately,? i\\b',
  ].join('|'),
);

/** The speaker starts to help: "sure, here is", "step 1", "first, you", … */
export const COMPLY_CUE = new RegExp(
  [
    "^(?:sure|certainly|absolutely|of course|okay|ok|alright|yes|fine|great|no problem)\\b",
    "\\bhere(?:'s| is| are)\\b",
    '\\bstep \\d\\b', '\\bstep one\\b', '^(?:first|firstly|to begin|to start|next|then|finally)\\b',
    '\\byou (?:can|could|will need|would need|need|should|might|may want to) \\w',
    "\\bfollow (?:these|the) (?:steps|instructions)\\b",
    "\\bi(?:'ll| will) (?:explain|show|tell|walk|provide|give|describe|outline)\\b",
  ].join('|'),
);

/** An offer of a safe alternative, typical of partial refusals. */
export const SAFE_OFFER_CUE = new RegExp(
  [
    '\\b(?:however|instead|that said|alternatively|on the other hand)\\b',
    "\\bwhat i can (?:do|offer|help)\\b",
    "\\bi(?:'d| would)? (?:be )?(?:happy|glad) to\\b",
    "\\bi can (?:however,? )?(?:help|offer|provide|suggest|explain|share|point|give you|recommend|tell you about)\\b",
    '\\bif (?:it helps|you(?:\'re| are) interested)\\b',
    '\\b(?:general|legal|safe|legitimate|healthy) (?:information|ways?|alternatives?|options?|tips|resources)\\b',
  ].join('|'),
);

/**
 * A persona or speaker label opening a segment: "DAN:", "[ChatGPT]:", "(🔓Developer Mode Output)",
 * "AIM:", "Developer Mode Output:". Tested on raw (not lower-cased) segments.
 */
export const PERSONA_MARKER = /^[\s>*_#]*(?:(?:\[[^\]\n]{1,40}\]|\([^)\n]{1,40}\)|[A-Z][\w'’-]*(?: [A-Z\d][\w'’-]*){0,3})[\s*_]*:(?:\s|$)|(?:\[[^\]\n]{1,40}\]|\([^)\n]{1,40}\))\s)/u;

/** A list item opening a segment: "1.", "2)", "-", "*", "•". */
export const LIST_ITEM = /^\s*(?:\d{1,2}[.)]|[-*•])\s+\S/;
