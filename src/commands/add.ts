import { existsSync } from 'node:fs';
import { inputError, usageError } from '../errors.js';
import { shownPath as shownFile } from '../workspace/file-errors.js';
import { renderCircleYaml } from '../model/circle-yaml.js';
import type { CircleInput, Series } from '../model/schema.js';
import { loadWorkspace, type Workspace } from '../workspace/load.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { circleFile } from '../workspace/paths.js';
import { onlySeries } from '../workspace/select.js';
import { isInteractive, note, warn } from '../ui/terminal.js';
import { answerErrors, circleDraft, draftDefaults, missingAnswers, passedStart, PASSED_START_NOTE, type CircleAnswers, type DraftDefaults } from '../model/draft.js';
import { flagFor, flagsOf } from './add-flags.js';
import type { InterviewContext } from './add-questions.js';

export interface AddOptions extends CircleAnswers {
  dir: string;
  yes?: boolean;
  dryRun?: boolean;
}

function defaultsFor(answers: CircleAnswers, workspace: Workspace): DraftDefaults {
  const slug = answers.series ?? onlySeries(workspace.series);
  return draftDefaults(slug, slug ? workspace.series.get(slug)?.series : undefined, workspace.circles.map((c) => c.circle));
}

/** Writes a new circle file from flags, or from answers on a terminal; returns the path written. */
export async function add(options: AddOptions): Promise<string | undefined> {
  const workspace = await loadWorkspace(options.dir);
  const series = new Map<string, Series>([...workspace.series].map(([slug, entry]) => [slug, entry.series]));
  if (series.size === 0) throw inputError('no valid series file in circles/', 'run `circle init`, or `circle validate` to see what is wrong with the series file');
  const shownPath = (id: string) => shownFile(circleFile(options.dir, id));
  const context: InterviewContext = { series, defaults: (a) => defaultsFor(a, workspace), exists: (id) => existsSync(circleFile(options.dir, id)) };
  let answers: CircleAnswers = options;
  if (isInteractive()) {
    const { converse } = await import('./add-interview.js');
    const agreed = await converse(options, context, { review: !options.yes && !options.dryRun, dir: options.dir, shownPath });
    if (!agreed) return undefined;
    answers = agreed;
  } else {
    const missing = missingAnswers(options, series.size).map(flagsOf);
    if (missing.length) {
      throw usageError(`missing required options: ${missing.join(', ')}`, 'pass them as flags (not running interactively), or run circle add on a terminal to be asked');
    }
  }
  const defaults = defaultsFor(answers, workspace);
  const errors = answerErrors(answers, defaults, series);
  if (errors.length) {
    throw usageError(`the circle is not valid:\n${errors.map((f) => `  ${flagFor(f)}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`).join('\n')}`);
  }
  const draft = circleDraft(answers, defaults);
  const passed = passedStart(String(draft.start), typeof draft.timezone === 'string' ? draft.timezone : undefined);
  if (passed) warn(`the circle starts on ${passed}, which has passed; ${PASSED_START_NOTE}`);
  const yaml = renderCircleYaml(draft as CircleInput);
  const path = circleFile(options.dir, String(draft.id));
  const shown = shownPath(String(draft.id));
  if (options.dryRun) {
    process.stdout.write(yaml);
    note(`dry run: ${shown} not written`);
    return undefined;
  }
  if (existsSync(path)) throw inputError(`${shown} already exists`, `choose another id with --id, or edit the file`);
  await writeFileAtomic(path, yaml, { overwrite: false });
  note(`wrote ${shown}`);
  process.stdout.write(`${shown}\n`);
  return path;
}
