import { existsSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { Context, Outcome, Shown } from '../context.js';
import { inputError, usageError } from '../errors.js';
import { renderCircleYaml } from '../model/circle-yaml.js';
import { answerErrors, circleDraft, draftDefaults, missingAnswers, passedStart, PASSED_START_NOTE, type CircleAnswers, type DraftDefaults } from '../model/draft.js';
import type { CircleInput, Series } from '../model/schema.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { shownPath } from '../workspace/file-errors.js';
import { loadWorkspace, type Workspace } from '../workspace/load.js';
import { circleFile } from '../workspace/paths.js';
import { onlySeries } from '../workspace/select.js';
import type { InterviewContext } from './add/ask.js';
import { flagFor, flagsOf } from './add/flags.js';

export interface AddOptions extends Omit<CircleAnswers, 'language'> {
  lang?: string;
  yes?: boolean;
  dryRun?: boolean;
}

/** The file written, the file a dry run would write, or the command line that writes it later (the person quit). */
export type AddResult = Outcome & ({ wrote: string } | { dryRun: string; yaml: string } | { quit: string });

function defaultsFor(answers: CircleAnswers, workspace: Workspace): DraftDefaults {
  const slug = answers.series ?? onlySeries(workspace.series);
  return draftDefaults(slug, slug ? workspace.series.get(slug)?.series : undefined, workspace.circles.map((c) => c.circle));
}

/** Writes a new circle file from flags, or from answers when it can ask. */
export async function run({ lang, yes, dryRun, ...flags }: AddOptions, context: Context): Promise<AddResult> {
  const given: CircleAnswers = { ...flags, ...(lang !== undefined ? { language: lang } : {}) };
  const workspace = await loadWorkspace(context.dir);
  const series = new Map<string, Series>([...workspace.series].map(([slug, entry]) => [slug, entry.series]));
  if (series.size === 0) throw inputError('no valid series file in circles/', 'run `circle init`, or `circle validate` to see what is wrong with the series file');
  const shown = (id: string) => shownPath(circleFile(context.dir, id), context.cwd);
  const now = () => DateTime.fromJSDate(context.now());
  let answers = given;
  if (context.interactive) {
    const { converse } = await import('./add/interview.js');
    const asking: InterviewContext = {
      series,
      defaults: (a) => defaultsFor(a, workspace),
      exists: (id) => existsSync(circleFile(context.dir, id)),
      prompter: context.prompter,
      note: context.events.note,
      now,
    };
    const agreed = await converse(given, asking, { review: !yes && !dryRun, dir: context.dir, shownPath: shown });
    if ('quit' in agreed) return { ok: true, quit: agreed.quit };
    answers = agreed.answers;
  } else {
    const missing = missingAnswers(given, series.size).map(flagsOf);
    if (missing.length) throw usageError(`missing required options: ${missing.join(', ')}`, 'pass them as flags (not running interactively), or run circle add on a terminal to be asked');
  }
  const defaults = defaultsFor(answers, workspace);
  const errors = answerErrors(answers, defaults, series);
  if (errors.length) throw usageError(`the circle is not valid:\n${errors.map((f) => `  ${flagFor(f)}: ${f.message}${f.hint ? ` (${f.hint})` : ''}`).join('\n')}`);
  const draft = circleDraft(answers, defaults);
  const passed = passedStart(String(draft.start), typeof draft.timezone === 'string' ? draft.timezone : undefined, now());
  if (passed) context.events.warn(`the circle starts on ${passed}, which has passed; ${PASSED_START_NOTE}`);
  const yaml = renderCircleYaml(draft as CircleInput);
  const path = circleFile(context.dir, String(draft.id));
  if (dryRun) return { ok: true, dryRun: shown(String(draft.id)), yaml };
  if (existsSync(path)) throw inputError(`${shown(String(draft.id))} already exists`, `choose another id with --id, or edit the file`);
  await writeFileAtomic(path, yaml, { overwrite: false });
  return { ok: true, wrote: shown(String(draft.id)) };
}

export function present(result: AddResult): Shown {
  if ('quit' in result) return { err: 'nothing written; this command writes it without asking:\n', out: `${result.quit}\n` };
  if ('dryRun' in result) return { out: result.yaml, err: `dry run: ${result.dryRun} not written\n` };
  return { err: `wrote ${result.wrote}\n`, out: `${result.wrote}\n` };
}
