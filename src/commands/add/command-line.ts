import { shellQuote } from '../../ui/shell.js';
import type { CircleAnswers } from '../../model/draft.js';
import { ANSWER_FLAGS } from './flags.js';

/**
 * The `circle add` command that gives these answers as flags, so that a person who stops half-way
 * types nothing twice: run without a terminal it writes the circle, run on one it asks only the rest.
 */
export function addCommandLine(answers: CircleAnswers, dir = '.'): string {
  const words = ['circle', ...(dir === '.' ? [] : ['-C', dir]), 'add'];
  for (const [key, flag] of ANSWER_FLAGS) {
    const value = answers[key];
    if (value === true) words.push(flag);
    else if (value === false) words.push(flag.replace('--', '--no-'));
    else if (Array.isArray(value)) for (const item of value) words.push(flag, item);
    else if (value !== undefined) words.push(flag, value);
  }
  return words.map(shellQuote).join(' ');
}
