import { DateTime } from 'luxon';
import { relative, resolve } from 'node:path';
import { announceTemplateProblems } from '../announce/placeholders.js';
import type { Context, Outcome, Shown, Style } from '../context.js';
import { mailTemplateProblems } from '../mail/template-checks.js';
import { missingSecretProblems } from '../mail/leave-links.js';
import { checkRosters, splitRosterPaths } from '../roster/checks.js';
import { formatProblem } from '../validate/format.js';
import { countProblems, type Problem } from '../validate/problem.js';
import { reservedFromFinding } from '../validate/reserved-domains.js';
import { loadWorkspace } from '../workspace/load.js';
import { circlesDir } from '../workspace/paths.js';

export interface ValidateOptions {
  paths: string[];
  strict?: boolean;
  json?: boolean;
}

/** As --json prints it (documented): files is a count, problem files are shown relative to where the user is. */
export interface ValidateResult extends Outcome {
  files: number;
  errors: number;
  warnings: number;
  problems: Problem[];
  /** What was checked, for the summary: `the given paths` or the circles/ folder. */
  checked: string;
}

export async function run(options: ValidateOptions, context: Context): Promise<ValidateResult> {
  const { dir, cwd } = context;
  // Rosters have their own rules; the other paths are circle and series files.
  const { rosterPaths, otherPaths } = splitRosterPaths(dir, options.paths);
  // The circles are read even for rosters alone: a roster is checked against its circle's capacity.
  const workspace = await loadWorkspace(dir, otherPaths, DateTime.fromJSDate(context.now()));
  const circlesChecked = rosterPaths.length === 0 || otherPaths.length > 0;
  const rosters = await checkRosters(workspace, dir, options.paths.length === 0 ? undefined : rosterPaths, context.now());
  // The templates belong to the whole workspace: checked when no paths narrow the run.
  const whole = options.paths.length === 0;
  const templates = whole ? [...(await announceTemplateProblems(dir)), ...(await mailTemplateProblems(dir))] : [];
  const problems = [...(circlesChecked ? workspace.problems : []), ...rosters.problems, ...templates, ...environmentProblems(whole, context.env)];
  const files = [...(circlesChecked ? workspace.files : []), ...rosters.files];
  const { errors, warnings } = countProblems(problems);
  return {
    ok: errors === 0 && !(options.strict === true && warnings > 0),
    files: files.length,
    errors,
    warnings,
    problems: problems.map((p) => ({ ...p, file: p.line === 0 ? p.file : relative(cwd, p.file) || p.file })),
    checked: whole ? relative(cwd, resolve(circlesDir(dir))) || '.' : 'the given paths',
  };
}

/** Settings from the environment that reach people: CIRCLE_FROM, with no file or line to point at. */
function environmentProblems(wholeWorkspace: boolean, env: Context['env']): Problem[] {
  const found = wholeWorkspace ? reservedFromFinding(env.CIRCLE_FROM) : undefined;
  return [...(found ? [{ file: 'CIRCLE_FROM', line: 0, col: 0, severity: 'warning' as const, message: found.message, hint: found.hint }] : []), ...(wholeWorkspace ? missingSecretProblems(env) : [])];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function present(result: ValidateResult, { json, colour }: Style): Shown {
  if (json) return {};
  const summary = `${plural(result.files, 'file')} checked in ${result.checked}: ${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
  return {
    out: result.problems.map((problem) => `${formatProblem(problem, colour.out)}\n`).join(''),
    err: `${result.ok ? colour.err.green(summary) : colour.err.red(summary)}\n`,
  };
}

/** --json: the documented shape, without the summary's wording. */
export const json = ({ checked: _checked, ...shape }: ValidateResult): Omit<ValidateResult, 'checked'> => shape;
