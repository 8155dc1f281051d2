import { emailKey } from '../model/email.js';
import type { Series } from '../model/schema.js';
import { slugify } from '../model/slug.js';
import { DURATION_PATTERN, resolveZone } from '../model/time.js';
import { describeEnd, describeStart, readEnd, readStart } from '../model/typed-time.js';
import { ask, askList, askYesNo, choose } from '../ui/prompt.js';
import { note } from '../ui/terminal.js';
import { fieldCheck, passedStart, PASSED_START_NOTE, type CircleAnswers, type DraftDefaults } from '../model/draft.js';

export interface InterviewContext {
  series: ReadonlyMap<string, Series>;
  defaults: (answers: CircleAnswers) => DraftDefaults;
  exists: (id: string) => boolean;
}

/** One question of `circle add`: asked when no flag answered it, and again when the person changes that field. */
export interface Question {
  /** Its name in the list of fields to change. */
  label: string;
  /** Answered already, by a flag: the interview does not ask it. */
  given: (a: CircleAnswers) => boolean;
  /** Asks, offering the answer so far as the default, and keeps the answer in `a`. */
  ask: (a: CircleAnswers) => Promise<void>;
  /** Questions whose defaults come from this answer: asked again after it changes. */
  then?: string[];
}

type TextKey = { [K in keyof CircleAnswers]-?: CircleAnswers[K] extends string | undefined ? K : never }[keyof CircleAnswers];
type ListKey = 'topic' | 'esTopic' | 'enTopic';

/** The questions in the order of the file; each answer is checked with the rules of `circle validate` as it is given. */
export function questions(context: InterviewContext): Question[] {
  const check = (a: CircleAnswers, field: string, change: CircleAnswers) => fieldCheck(context.series, context.defaults(a), field)({ ...a, ...change });
  const blank = (value: string) => (value.trim() === '' ? undefined : value.trim());
  const askText = async (a: CircleAnswers, key: TextKey, field: string, message: string, options: { required?: boolean; default?: string } = {}) => {
    const answer = await ask(message, {
      default: a[key] ?? options.default,
      validate: (value) => (options.required && blank(value) === undefined ? 'required' : check(a, field, { [key]: blank(value) })),
    });
    a[key] = answer === '' ? undefined : answer;
  };
  const text = (label: string, key: TextKey, field: string, options: { required?: boolean; default?: (a: CircleAnswers) => string | undefined; message?: string } = {}): Question => ({
    label,
    given: (a) => a[key] !== undefined,
    ask: (a) => askText(a, key, field, options.message ?? label, { required: options.required, default: options.default?.(a) }),
  });
  // Lists are asked again from the first item; the ones so far are shown to copy from.
  const askItems = async (a: CircleAnswers, key: ListKey, message: string) => {
    if (a[key]?.length) note(`  so far: ${a[key].join('; ')}`);
    a[key] = await askList(message);
  };
  const zoneOf = (a: CircleAnswers) => resolveZone(a.timezone ?? context.defaults(a).timezone ?? '');
  const echo = (line: string | undefined) => {
    if (line) note(`  → ${line}`);
  };

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
    ask: async (a) => {
      a.id = await ask('Id (file name)', {
        default: a.id ?? slugify(a.title ?? ''),
        validate: (value) => (context.exists(value.trim()) ? `circles/${value.trim()}.yaml already exists` : check(a, 'id', { id: value.trim() })),
      });
    },
  };
  const start: Question = {
    label: 'Start',
    given: (a) => a.start !== undefined,
    ask: async (a) => {
      const answer = await ask('Starts at (local date and time, e.g. 2019-12-04 9:30 or 4 Dec 2019 2pm)', {
        default: a.start,
        validate: (value) => (blank(value) === undefined ? 'required' : check(a, 'start', { start: value.trim() })),
      });
      const read = readStart(answer);
      a.start = read.ok ? read.value : answer;
      const zone = zoneOf(a);
      if (zone.ok) echo(describeStart(a.start, zone.value));
      if (passedStart(a.start, a.timezone ?? context.defaults(a).timezone)) note(`  ! that start has passed: ${PASSED_START_NOTE}`);
    },
  };
  const ending: Question = {
    label: 'End or length',
    given: (a) => a.end !== undefined || a.duration !== undefined,
    ask: async (a) => {
      // A length such as 2h is read as a length here; --end 14h is a time of day.
      const change = (value: string): CircleAnswers => (DURATION_PATTERN.test(value) ? { end: undefined, duration: value } : { end: value, duration: undefined });
      const answer = await ask('Ends at (13:15 or 1:15pm) or lasts (1h15m)', {
        default: a.end ?? a.duration,
        validate: (value) => {
          const v = value.trim();
          if (v === '') return 'required';
          return check(a, DURATION_PATTERN.test(v) ? 'duration' : 'end', change(v));
        },
      });
      Object.assign(a, change(answer));
      const read = a.end === undefined ? undefined : readEnd(a.end);
      if (read?.ok) a.end = read.value;
      const zone = zoneOf(a);
      if (zone.ok && a.start) echo(describeEnd(a.start, a, zone.value));
    },
  };
  const organizer: Question = {
    label: 'Organizer',
    given: (a) => a.organizerName !== undefined && a.organizerEmail !== undefined,
    ask: async (a) => {
      const inherited = context.defaults(a).organizer;
      const name = await ask(`Organizer name (invitations and mail come from them${inherited ? '' : '; empty for none'})`, {
        default: a.organizerName ?? inherited?.name,
        validate: (value) => check(a, 'organizer.name', { organizerName: blank(value) }),
      });
      const email = name === '' ? '' : await ask('Organizer email', {
        default: a.organizerEmail ?? inherited?.email,
        validate: (value) => (blank(value) === undefined ? 'required' : check(a, 'organizer.email', { organizerName: name, organizerEmail: value.trim() })),
      });
      // The series' organizer is inherited, not copied: nothing to give as a flag or to write.
      const same = name === '' || (inherited && name === inherited.name && emailKey(email) === emailKey(inherited.email));
      a.organizerName = same ? undefined : name;
      a.organizerEmail = same ? undefined : email;
    },
  };
  const translation: Question = {
    label: 'Translation',
    given: (a) => Boolean(a.language === 'es' ? a.enTitle || a.enSummary || a.enTopic : a.esTitle || a.esSummary || a.esTopic),
    ask: async (a) => {
      const other = a.language === 'es' ? 'en' : 'es';
      const keys = other === 'es' ? (['esTitle', 'esSummary', 'esTopic'] as const) : (['enTitle', 'enSummary', 'enTopic'] as const);
      if (!translation.given(a) && !(await askYesNo(`Add ${other === 'es' ? 'a Spanish' : 'an English'} translation?`, false))) return;
      await askText(a, keys[0], `translations.${other}.title`, 'Translated title');
      await askText(a, keys[1], `translations.${other}.summary`, 'Translated summary');
      await askItems(a, keys[2], 'Translated "We will cover" item');
    },
  };

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
    {
      label: 'Instigators',
      given: (a) => a.instigator !== undefined,
      ask: async (a) => {
        if (a.instigator?.length) note(`  so far: ${a.instigator.join('; ')}`);
        a.instigator = [];
        for (;;) {
          const name = await ask('Instigator name (empty to finish)');
          if (name === '') return;
          const org = await ask(`Organisation of ${name}`);
          const role = await ask(`Role of ${name}`);
          a.instigator.push([name, org, role].join('|').replace(/\|+$/, ''));
        }
      },
    },
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
