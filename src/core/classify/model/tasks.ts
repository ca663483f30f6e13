import { invalidInput } from '../../errors.js';
import { refusalFeatures, REFUSAL_FEATURE_NAMES } from '../refusal/features.js';
import { jailbreakFeatures, JAILBREAK_FEATURE_NAMES } from '../jailbreak/jailbreak.js';
import { HARM_CATEGORIES, type ChatMessage } from '../types.js';

/**
 * What `argus train --task` knows about each task: which text of a row it reads, the classes,
 * how raw labels map onto them, and which extra features its runtime appends. A task not listed
 * here trains a generic model over the `text` (or `output`) field with the labels found in the
 * data as classes, so users can add their own classifiers.
 */
export interface TaskSpec {
  task: string;
  /** Which field holds the text: the model's output, the request, or `text`. */
  reads: 'output' | 'input';
  /** Fixed classes in model order; undefined = taken from the data, sorted. */
  classes?: readonly string[];
  /** Maps a raw JSON label onto a class name; undefined = String(label). */
  mapLabel?: (label: unknown) => string | undefined;
  extraFeatures: readonly string[];
  extras?: (text: string) => ArrayLike<number>;
  /** Keep every class even when the data lacks some (the runtime expects them all). */
  keepAllClasses?: boolean;
}

const truthy = (pos: string, neg: string) => (label: unknown): string | undefined => {
  if (label === true || label === 1 || label === '1' || label === pos || label === 'true') return pos;
  if (label === false || label === 0 || label === '0' || label === neg || label === 'false') return neg;
  return undefined;
};

export const TASKS: Readonly<Record<string, TaskSpec>> = {
  refusal: { task: 'refusal', reads: 'output', classes: ['comply', 'partial', 'refuse'], keepAllClasses: true, extraFeatures: REFUSAL_FEATURE_NAMES, extras: refusalFeatures },
  policy: { task: 'policy', reads: 'output', classes: ['safe', 'violation'], mapLabel: truthy('violation', 'safe'), extraFeatures: REFUSAL_FEATURE_NAMES, extras: refusalFeatures },
  jailbreak: { task: 'jailbreak', reads: 'input', classes: ['benign', 'jailbreak'], mapLabel: truthy('jailbreak', 'benign'), extraFeatures: JAILBREAK_FEATURE_NAMES, extras: jailbreakFeatures },
  toxicity: { task: 'toxicity', reads: 'output', classes: ['clean', 'toxic'], mapLabel: truthy('toxic', 'clean'), extraFeatures: [] },
  harm_category: { task: 'harm_category', reads: 'input', classes: HARM_CATEGORIES, extraFeatures: [] },
  hedging: { task: 'hedging', reads: 'output', classes: ['plain', 'hedged'], mapLabel: truthy('hedged', 'plain'), extraFeatures: [] },
};

export function taskSpec(task: string): TaskSpec {
  return TASKS[task] ?? { task, reads: 'output', extraFeatures: [] };
}

export interface TrainingRow {
  text: string;
  label: string;
}

const flatten = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((m) => m && typeof (m as ChatMessage).content === 'string')) {
    return (v as ChatMessage[]).filter((m) => m.role !== 'assistant').map((m) => m.content).join('\n');
  }
  return undefined;
};

/**
 * Turns one parsed JSONL row into (text, class). Accepts `{text, label}` for any task, and
 * `{output, label}` / `{input, label}` (input may be chat messages) for the task's own field.
 * Throws ARGUS_ERR_INVALID_INPUT naming the problem; the caller adds file and line.
 */
export function parseTrainingRow(spec: TaskSpec, row: unknown): TrainingRow {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) throw invalidInput('expected a JSON object');
  const r = row as Record<string, unknown>;
  const text = flatten(r[spec.reads]) ?? flatten(r.text);
  if (text === undefined) throw invalidInput(`expected a string field "${spec.reads}" or "text"`);
  if (!('label' in r)) throw invalidInput('missing "label"');
  const label = spec.mapLabel ? spec.mapLabel(r.label) : typeof r.label === 'string' || typeof r.label === 'number' || typeof r.label === 'boolean' ? String(r.label) : undefined;
  if (label === undefined || (spec.classes && !spec.classes.includes(label))) {
    throw invalidInput(`label ${JSON.stringify(r.label)} is not one of ${JSON.stringify(spec.classes ?? 'string labels')}`);
  }
  return { text, label };
}

/** Classes for a model: the task's fixed list restricted to labels seen (softmax tasks keep order), or the sorted distinct labels. */
export function classesFor(spec: TaskSpec, rows: readonly TrainingRow[]): string[] {
  const seen = new Set(rows.map((r) => r.label));
  if (spec.classes) {
    if (spec.classes.length === 2 || spec.keepAllClasses) return [...spec.classes];
    const present = spec.classes.filter((c) => seen.has(c));
    if (present.length < 2) throw invalidInput(`task ${spec.task} needs at least two classes in the data, found ${JSON.stringify([...seen])}`);
    return present;
  }
  const classes = [...seen].sort();
  if (classes.length < 2) throw invalidInput(`training data has a single label ${JSON.stringify(classes[0])}; need at least two`);
  return classes;
}
