import { join } from 'node:path';
import { LANGUAGES } from '../model/schema.js';
import { checkTranslations, type Fields } from '../templates/checks.js';
import { loadTemplateFile, type Template } from '../templates/files.js';
import type { Problem } from '../validate/problem.js';
import { didYouMean } from '../validate/suggest.js';
import { MESSAGE_KINDS } from './kinds.js';

/** The fields of MessageView (render.ts), as templates name them. */
const MESSAGE_FIELDS = [
  'lang', 'person.name', 'person.position', 'person.offerLapsed', 'circle.number', 'circle.title', 'circle.when', 'circle.whenUtc', 'circle.capacity',
  'circle.recorded', 'circle.platform', 'circle.meetingUrl', 'circle.languageNote', 'series.name', 'series.mailingListUrl', 'organizer.name', 'recordingUrl', 'leaveUrl',
  'offer', 'offer.deadline', 'offer.deadlineUtc', 'claimUrl',
  'changes', ...['when', 'platform', 'meetingUrl', 'recordingUrl'].flatMap((field) => [`changes.${field}`, `changes.${field}.before`, `changes.${field}.after`]),
];

const MESSAGE: Fields = { of: 'the message', known: (name) => MESSAGE_FIELDS.includes(name), suggest: (name) => didYouMean(name, MESSAGE_FIELDS) };

/**
 * `circle validate` checks the mail templates a workspace uses, as it does the announcement
 * templates: each parses, names only fields of the message, and the English and Spanish versions
 * of each message say the same things (a translation cannot drop a waitlist position or a link).
 */
export async function mailTemplateProblems(dir: string): Promise<Problem[]> {
  const problems: Problem[] = [];
  for (const kind of MESSAGE_KINDS) {
    for (const part of ['subject', 'text']) {
      const [en, es] = (await Promise.all(LANGUAGES.map((lang) => loadTemplateFile(dir, join('mail', kind, `${lang}.${part}.hbs`))))) as [Template, Template];
      problems.push(...checkTranslations(en, es, MESSAGE));
    }
  }
  return problems;
}
