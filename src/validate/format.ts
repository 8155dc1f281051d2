import type { ChalkInstance } from 'chalk';
import type { Problem } from './problem.js';

/** `circles/x.yaml:5:3: error: message` and an indented hint, as editors and CI logs expect; the file as it is to be shown. */
export function formatProblem(problem: Problem, paint: ChalkInstance): string {
  // Line 0: a setting outside any file (CIRCLE_FROM), named as it is.
  const where = problem.line === 0 ? problem.file : `${problem.file}:${problem.line}:${problem.col}`;
  const label = problem.severity === 'error' ? paint.red('error') : paint.yellow('warning');
  const hint = problem.hint ? `\n  ${paint.dim('hint:')} ${problem.hint}` : '';
  return `${paint.bold(where)}: ${label}: ${problem.message}${hint}`;
}
