import { join } from 'node:path';
import { templatePlaceholders } from '../announce/placeholders.js';
import { BUNDLED_TEMPLATES, shownPath, templateLoader, type Template } from '../templates/engine.js';
import type { Problem } from '../validate/problem.js';
import { didYouMean } from '../validate/suggest.js';
import { MESSAGE_KINDS } from './render.js';

/** The fields of MessageView (render.ts), as templates name them. */
export const MESSAGE_FIELDS = [
  'lang', 'person.name', 'person.position', 'circle.number', 'circle.title', 'circle.when', 'circle.capacity',
  'circle.recorded', 'circle.platform', 'circle.meetingUrl', 'series.name', 'series.mailingListUrl', 'organizer.name', 'recordingUrl',
];

function placeholders(template: Template, problems: Problem[]): Set<string> | undefined {
  try {
    const found = templatePlaceholders(template.source);
    for (const [name, place] of found) {
      if (MESSAGE_FIELDS.includes(name)) continue;
      problems.push({ file: template.file, ...place, severity: 'error', message: `{{${name}}} is not a field of the message`, hint: didYouMean(name, MESSAGE_FIELDS) });
    }
    return new Set(found.keys());
  } catch (cause) {
    const line = Number(/line (\d+)/.exec((cause as Error).message)?.[1] ?? 1);
    problems.push({ file: template.file, line, col: 1, severity: 'error', message: `template does not parse: ${(cause as Error).message.split('\n').pop() ?? ''}`, hint: 'check that every {{#block}} has its {{/block}}' });
    return undefined;
  }
}

const bundled = (template: Template) => template.file.startsWith(BUNDLED_TEMPLATES);
const SAME_THINGS = 'the English and Spanish versions of a message say the same things';

/** Reported in the workspace's own file, where the organiser can act. */
function mismatch(name: string, has: Template, lacks: Template): Problem {
  if (bundled(lacks) && !bundled(has)) {
    return { file: has.file, line: 1, col: 1, severity: 'error', message: `{{${name}}} is used here but not in ${shownPath(lacks.file)}`, hint: `${SAME_THINGS}: remove it here, or override the other one too` };
  }
  return { file: lacks.file, line: 1, col: 1, severity: 'error', message: `{{${name}}} is missing here: ${shownPath(has.file)} uses it`, hint: SAME_THINGS };
}

/**
 * `circle validate` checks the mail templates a workspace uses, as it does the announcement
 * templates: each parses, names only fields of the message, and the English and Spanish versions
 * of each message say the same things (a translation cannot drop a waitlist position or a link).
 */
export async function mailTemplateProblems(workspace: string): Promise<Problem[]> {
  const load = templateLoader(workspace);
  const problems: Problem[] = [];
  for (const kind of MESSAGE_KINDS) {
    for (const part of ['subject', 'text']) {
      const [en, es] = await Promise.all(['en', 'es'].map((lang) => load(join('mail', kind, `${lang}.${part}.hbs`))));
      if (!en || !es) continue;
      const [enFields, esFields] = [placeholders(en, problems), placeholders(es, problems)];
      if (!enFields || !esFields) continue;
      for (const [has, lacks, hasFields, lacksFields] of [[en, es, enFields, esFields], [es, en, esFields, enFields]] as const) {
        for (const name of hasFields) {
          if (lacksFields.has(name) || !MESSAGE_FIELDS.includes(name)) continue;
          problems.push(mismatch(name, has, lacks));
        }
      }
    }
  }
  return problems;
}
