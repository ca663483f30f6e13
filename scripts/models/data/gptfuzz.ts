import { readCsv } from './csv.js';
import { dataPath } from './paths.js';

export interface GptfuzzResponse {
  /** Question id; the train and evaluate splits use different questions. */
  questionId: string;
  question: string;
  response: string;
  /** Human label: the model complied with the harmful question. */
  jailbroken: boolean;
}

export function loadGptfuzzQuestions(): Map<string, string> {
  const rows = readCsv(dataPath('gptfuzz', 'datasets', 'questions', 'question_list.csv'));
  return new Map(rows.map((r) => [r.index ?? '', r.text ?? '']));
}

export function loadGptfuzzResponses(split: 'train' | 'evaluate'): GptfuzzResponse[] {
  const questions = loadGptfuzzQuestions();
  return readCsv(dataPath('gptfuzz', 'datasets', 'responses_labeled', `${split}.csv`)).map((r) => ({
    questionId: r.question ?? '',
    question: questions.get(r.question ?? '') ?? '',
    response: r.Response ?? '',
    jailbroken: r.label === '1',
  }));
}

/** The 77 human-written jailbreak templates, with the `[INSERT PROMPT HERE]` slot. */
export function loadGptfuzzTemplates(): string[] {
  return readCsv(dataPath('gptfuzz', 'datasets', 'prompts', 'GPTFuzzer.csv')).map((r) => r.text ?? '');
}
