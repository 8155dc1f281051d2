import { basename, relative, resolve, sep } from 'node:path';
import { rosterProblems } from '../roster/checks.js';
import { rosterIds, rostersDir } from '../roster/store.js';
import { countProblems } from '../validate/problem.js';
import { formatProblem } from '../validate/format.js';
import { loadWorkspace } from '../workspace/load.js';
import { EXIT } from '../errors.js';
import { note, paint, paintOut, printJson } from '../ui/terminal.js';

export interface ValidateOptions {
  dir: string;
  paths: string[];
  strict?: boolean;
  json?: boolean;
}

export async function validate(options: ValidateOptions): Promise<number> {
  // Rosters are checked by their own rules; the other paths are circle and series files.
  const rosterFolder = resolve(rostersDir(options.dir)) + sep;
  const rosterPaths = options.paths.filter((p) => resolve(p).startsWith(rosterFolder) || resolve(p) === rosterFolder.slice(0, -1));
  const circlePaths = options.paths.filter((p) => !rosterPaths.includes(p));
  const workspace = await loadWorkspace(options.dir, circlePaths);
  if (rosterPaths.length > 0 && circlePaths.length === 0) {
    workspace.problems = [];
    workspace.files = [];
  }
  const ids = options.paths.length === 0 || rosterPaths.some((p) => !resolve(p).endsWith('.yaml'))
    ? await rosterIds(options.dir)
    : rosterPaths.map((p) => basename(p, '.yaml'));
  const capacities = new Map(workspace.circles.map(({ circle }) => [circle.id, circle.capacity]));
  for (const id of ids) {
    workspace.problems.push(...(await rosterProblems(options.dir, id, capacities.get(id))));
    workspace.files.push(resolve(rostersDir(options.dir), `${id}.yaml`));
  }
  const { errors, warnings } = countProblems(workspace.problems);
  const failed = errors > 0 || (options.strict === true && warnings > 0);
  if (options.json) {
    printJson({
      ok: !failed,
      files: workspace.files.length,
      errors,
      warnings,
      problems: workspace.problems.map((p) => ({ ...p, file: relative(process.cwd(), p.file) || p.file })),
    });
  } else {
    for (const problem of workspace.problems) process.stdout.write(`${formatProblem(problem, paintOut)}\n`);
    const where = relative(process.cwd(), resolve(options.dir, 'circles')) || '.';
    const summary = `${workspace.files.length} file${workspace.files.length === 1 ? '' : 's'} checked in ${options.paths.length ? 'the given paths' : where}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
    note(failed ? paint.red(summary) : paint.green(summary));
  }
  return failed ? EXIT.invalid : EXIT.ok;
}
