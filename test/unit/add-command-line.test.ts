import { describe, expect, it } from 'vitest';
import { addCommandLine } from '../../src/commands/add/command-line.js';
import { flagFor, flagsOf } from '../../src/commands/add/flags.js';
import { error } from '../../src/validate/problem.js';
import { shellQuote } from '../../src/ui/shell.js';

describe('quoting for a POSIX shell', () => {
  it.each([
    ['lift', 'lift'],
    ['2019-12-04T09:30', '2019-12-04T09:30'],
    ['https://forms.example.org/x?a=1', "'https://forms.example.org/x?a=1'"],
    ['ana@example.org', 'ana@example.org'],
    ['Ana Example', "'Ana Example'"],
    ["what's next", "'what'\\''s next'"],
    ['"quoted" $HOME `cmd` \\ !', "'\"quoted\" $HOME `cmd` \\ !'"],
    ['Bo|Org|Role', "'Bo|Org|Role'"],
    ['Año', "'Año'"],
    ['', "''"],
    ['-x', '-x'],
  ])('%s is %s', (word, quoted) => {
    expect(shellQuote(word)).toBe(quoted);
  });
});

describe('the command line of some answers', () => {
  it.each([
    [{}, '.', 'circle add'],
    [{ title: 'Budgets', capacity: '12' }, '../lift', "circle -C ../lift add --title Budgets --capacity 12"],
    [{ capacity: '12', title: 'Open budgets', id: 'budgets', series: 'lift' }, '.', "circle add --series lift --id budgets --title 'Open budgets' --capacity 12"],
    [{ topic: ['Red flags', 'Data'], instigator: ['Bo|Org'] }, '.', "circle add --topic 'Red flags' --topic Data --instigator 'Bo|Org'"],
    [{ topic: [], recorded: false }, '.', 'circle add --no-recorded'],
    [{ recorded: true, start: '2019-12-04T09:30', duration: '1h15m' }, '.', 'circle add --start 2019-12-04T09:30 --duration 1h15m --recorded'],
    [{ organizerName: 'Ana Example', organizerEmail: 'ana@example.org', esTitle: 'Presupuestos', enTopic: ['Budgets'] }, '.',
      "circle add --organizer-name 'Ana Example' --organizer-email ana@example.org --es-title Presupuestos --en-topic Budgets"],
    [{ title: 'Budgets', summary: undefined }, '.', 'circle add --title Budgets'],
  ])('%o in %s', (answers, dir, line) => {
    expect(addCommandLine(answers, dir)).toBe(line);
  });
});

describe('the flag an error names', () => {
  it.each([
    [['title'], '--title'],
    [['host', 'email'], '--host-email'],
    [['instigators', 1, 'name'], '--instigator'],
    [['translations', 'es', 'topics', 0], '--es-topic'],
    [['organizer'], 'organizer'],
    [['status'], 'status'],
    [[], 'circle'],
  ] as const)('%o is %s', (path, flag) => {
    expect(flagFor(error([...path], 'wrong'))).toBe(flag);
  });

  it.each([
    [['title'], '--title'],
    [['end', 'duration'], '--end or --duration'],
    [['language'], '--lang'],
  ] as const)('%o are given by %s', (answers, flags) => {
    expect(flagsOf(answers)).toBe(flags);
  });
});
