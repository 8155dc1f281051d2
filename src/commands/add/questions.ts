import type { CircleAnswers } from '../../model/draft.js';
import { slugify } from '../../model/slug.js';
import { asking, type InterviewContext, type Question } from './ask.js';
import { whenQuestions } from './when-questions.js';
import { whoQuestions } from './who-questions.js';

/** The questions in the order of the file. */
export function questions(context: InterviewContext): Question[] {
  const { check, askText, text, askItems } = asking(context);
  const { ask, askYesNo, choose } = context.prompter;
  const slugs = [...context.series.keys()];
  const series: Question = {
    label: 'Series',
    given: (a) => a.series !== undefined,
    ask: async (a) => {
      const before = context.defaults(a);
      a.series = await choose('Series', slugs.map((slug) => ({ value: slug, name: `${slug}: ${context.series.get(slug)?.name ?? ''}` })), a.series);
      // A number or zone that was the old series' default becomes the new one's.
      if (a.number === String(before.number)) a.number = undefined;
      if (a.timezone === before.timezone) a.timezone = undefined;
    },
    then: ['Number in the series', 'Time zone'],
  };
  const title: Question = {
    label: 'Title',
    given: (a) => a.title !== undefined,
    ask: async (a) => {
      const derived = a.id !== undefined && a.id === slugify(a.title ?? '');
      await askText(a, 'title', 'title', 'Title', { required: true });
      // An id made from the old title is made again from the new one.
      if (derived) a.id = undefined;
    },
    then: ['Id (file name)'],
  };
  const id: Question = {
    label: 'Id (file name)',
    given: (a) => a.id !== undefined,
    ask: async (a: CircleAnswers) => {
      a.id = await ask('Id (file name)', {
        default: a.id ?? slugify(a.title ?? ''),
        validate: (value) => (context.exists(value.trim()) ? `circles/${value.trim()}.yaml already exists` : check(a, 'id', { id: value.trim() })),
      });
    },
  };
  const { start, ending } = whenQuestions(context);
  const { instigators, organizer, translation } = whoQuestions(context);
  return [
    ...(slugs.length > 1 ? [series] : []),
    title,
    id,
    text('Number in the series', 'number', 'number', { default: (a) => String(context.defaults(a).number ?? 1) }),
    text('Summary', 'summary', 'summary', { message: 'Summary (what the session is about)' }),
    { label: '"We will cover" list', given: (a) => a.topic !== undefined, ask: (a) => askItems(a, 'topic', '"We will cover" item') },
    {
      label: 'Language',
      given: (a) => a.language !== undefined,
      ask: async (a) => {
        a.language = await choose('Held in', [{ value: 'en', name: 'English' }, { value: 'es', name: 'Spanish (español)' }], a.language ?? 'en');
      },
    },
    text('Host name', 'hostName', 'host.name', { required: true }),
    text('Host organisation', 'hostOrg', 'host.org'),
    text('Host email', 'hostEmail', 'host.email', { message: 'Host email (replies go there)' }),
    instigators,
    text('Time zone', 'timezone', 'timezone', { message: 'Time zone (IANA name, or GMT)', default: (a) => context.defaults(a).timezone }),
    start,
    ending,
    text('Seats', 'capacity', 'capacity', { default: () => '20' }),
    {
      label: 'Recorded',
      given: (a) => a.recorded !== undefined,
      ask: async (a) => {
        a.recorded = await askYesNo('Will it be recorded?', a.recorded ?? true);
      },
    },
    text('Platform', 'platform', 'platform', { message: 'Platform (public, e.g. Zoom or Jitsi)' }),
    text('Meeting link', 'meetingUrl', 'meeting_url', { message: 'Meeting link (only confirmed people see it)' }),
    text('Sign-up form link', 'signupUrl', 'signup_url'),
    organizer,
    translation,
  ];
}
