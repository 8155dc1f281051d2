import { describe, expect, it } from 'vitest';
import { duplicateNumbers, type NumberedFile } from '../../src/validate/duplicate-numbers.js';

const file = (name: string, series: unknown, number: unknown): NumberedFile => ({ file: `/ws/circles/${name}.yaml`, series, number });

describe('each circle of a series has its own number', () => {
  const cases: Array<{ name: string; files: NumberedFile[]; expected: string[] }> = [
    { name: 'different numbers', files: [file('a', 'lift', 1), file('b', 'lift', 2)], expected: [] },
    { name: 'the same number in two series', files: [file('a', 'lift', 1), file('b', 'other', 1)], expected: [] },
    {
      name: 'two files share a number: each names the other',
      files: [file('a', 'lift', 3), file('b', 'lift', 3)],
      expected: ['a.yaml: series "lift" already has a circle number 3 (b.yaml)', 'b.yaml: series "lift" already has a circle number 3 (a.yaml)'],
    },
    {
      name: 'three files share a number',
      files: [file('a', 'lift', 2), file('b', 'lift', 1), file('c', 'lift', 2), file('d', 'lift', 2)],
      expected: [
        'a.yaml: series "lift" already has a circle number 2 (c.yaml, d.yaml)',
        'c.yaml: series "lift" already has a circle number 2 (a.yaml, d.yaml)',
        'd.yaml: series "lift" already has a circle number 2 (a.yaml, c.yaml)',
      ],
    },
    { name: 'a number or series that is not one is left to the schema', files: [file('a', 'lift', '3'), file('b', 'lift', 3), file('c', undefined, 3)], expected: [] },
  ];
  it.each(cases)('$name', ({ files, expected }) => {
    expect(duplicateNumbers(files).map(({ file: f, finding }) => `${f.split('/').pop()}: ${finding.message}`)).toEqual(expected);
  });

  it('points at the number, with how to fix it', () => {
    const [found] = duplicateNumbers([file('a', 'lift', 3), file('b', 'lift', 3)]);
    expect(found?.finding).toMatchObject({ path: ['number'], severity: 'error', hint: 'give each circle of a series its own number' });
  });
});
