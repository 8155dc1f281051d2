import { relative, resolve } from 'node:path';
import { announceTemplateProblems } from '../announce/placeholders.js';
import { mailTemplateProblems } from '../mail/template-checks.js';
import { checkRosters, splitRosterPaths } from '../roster/checks.js';
import { countProblems } from '../validate/problem.js';
import { formatProblem } from '../validate/format.js';
import { reservedFromFinding } from '../validate/reserved-domains.js';
import type { Problem } from '../validate/problem.js';
import { loadWorkspace } from '../workspace/load.js';
import { circlesDir } from '../workspace/paths.js';
import { EXIT } from '../errors.js';
import { note, paint, paintOut, printJson } from '../ui/terminal.js';

export interface ValidateOptions {
  dir: string;
  paths: string[];
  strict?: boolean;
  json?: boolean;
}

export async function validate(options: ValidateOptions): Promise<number> {
  // Rosters have their own rules; the other paths are circle and series files.
  const { rosterPaths, otherPaths } = splitRosterPaths(options.dir, options.paths);
  // The circles are read even for rosters alone: a roster is checked against its circle's capacity.
  const workspace = await loadWorkspace(options.dir, otherPaths);
  const circlesChecked = rosterPaths.length === 0 || otherPaths.length > 0;
  const rosters = await checkRosters(workspace.circles, options.dir, options.paths.length === 0 ? undefined : rosterPaths);
  // The templates belong to the whole workspace: checked when no paths narrow the run.
  const templates = options.paths.length === 0 ? [...(await announceTemplateProblems(options.dir)), ...(await mailTemplateProblems(options.dir))] : [];
  const problems = [...(circlesChecked ? workspace.problems : []), ...rosters.problems, ...templates, ...environmentProblems(options.paths.length === 0)];
  const files = [...(circlesChecked ? workspace.files : []), ...rosters.files];
  const { errors, warnings } = countProblems(problems);
  const failed = errors > 0 || (options.strict === true && warnings > 0);
  if (options.json) {
    printJson({
      ok: !failed,
      files: files.length,
      errors,
      warnings,
      problems: problems.map((p) => ({ ...p, file: relative(process.cwd(), p.file) || p.file })),
    });
  } else {
    for (const problem of problems) process.stdout.write(`${formatProblem(problem, paintOut)}\n`);
    const where = relative(process.cwd(), resolve(circlesDir(options.dir))) || '.';
    const summary = `${files.length} file${files.length === 1 ? '' : 's'} checked in ${options.paths.length ? 'the given paths' : where}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    note(failed ? paint.red(summary) : paint.green(summary));
  }
  return failed ? EXIT.invalid : EXIT.ok;
}

/** Settings from the environment that reach people: CIRCLE_FROM, with no file or line to point at. */
function environmentProblems(wholeWorkspace: boolean, env: NodeJS.ProcessEnv = process.env): Problem[] {
  const found = wholeWorkspace ? reservedFromFinding(env.CIRCLE_FROM) : undefined;
  return found ? [{ file: 'CIRCLE_FROM', line: 0, col: 0, severity: 'warning', message: found.message, hint: found.hint }] : [];
}
