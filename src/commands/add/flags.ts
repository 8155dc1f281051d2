import type { CircleAnswers } from '../../model/draft.js';
import { fieldName, type Finding } from '../../validate/problem.js';

/** Each answer, its flag, and the field of the file it fills, in the order of the file. */
export const ANSWER_FLAGS: ReadonlyArray<readonly [keyof CircleAnswers, string, string]> = [
  ['series', '--series', 'series'], ['id', '--id', 'id'], ['number', '--number', 'number'], ['title', '--title', 'title'],
  ['summary', '--summary', 'summary'], ['topic', '--topic', 'topics'], ['language', '--lang', 'language'],
  ['hostName', '--host-name', 'host.name'], ['hostOrg', '--host-org', 'host.org'], ['hostEmail', '--host-email', 'host.email'],
  ['instigator', '--instigator', 'instigators'], ['start', '--start', 'start'], ['end', '--end', 'end'], ['duration', '--duration', 'duration'],
  ['timezone', '--timezone', 'timezone'], ['capacity', '--capacity', 'capacity'], ['recorded', '--recorded', 'recorded'],
  ['reminder', '--reminder', 'reminder'], ['platform', '--platform', 'platform'], ['meetingUrl', '--meeting-url', 'meeting_url'],
  ['signupUrl', '--signup-url', 'signup_url'], ['organizerName', '--organizer-name', 'organizer.name'],
  ['organizerEmail', '--organizer-email', 'organizer.email'],
  ['esTitle', '--es-title', 'translations.es.title'], ['esSummary', '--es-summary', 'translations.es.summary'], ['esTopic', '--es-topic', 'translations.es.topics'],
  ['enTitle', '--en-title', 'translations.en.title'], ['enSummary', '--en-summary', 'translations.en.summary'], ['enTopic', '--en-topic', 'translations.en.topics'],
];

/** The flag to name in an error about a field. */
export function flagFor(finding: Finding): string {
  const name = fieldName(finding.path);
  const matches = ANSWER_FLAGS.filter(([, , field]) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`));
  const longest = matches.sort((a, b) => b[2].length - a[2].length)[0];
  return longest ? longest[1] : name || 'circle';
}

/** "--end or --duration": the flags that give one of these answers. */
export const flagsOf = (answers: ReadonlyArray<keyof CircleAnswers>): string =>
  answers.map((key) => ANSWER_FLAGS.find(([answer]) => answer === key)?.[1] ?? key).join(' or ');
