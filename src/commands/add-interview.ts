import type { Series } from '../model/schema.js';
import { slugify } from '../model/slug.js';
import { DURATION_PATTERN } from '../model/time.js';
import { ask, askList, askYesNo, choose } from '../ui/prompt.js';
import { fieldCheck, type CircleAnswers, type DraftDefaults } from './add-draft.js';

export interface InterviewContext {
  series: ReadonlyMap<string, Series>;
  defaults: (answers: CircleAnswers) => DraftDefaults;
  exists: (id: string) => boolean;
}

type TextKey = { [K in keyof CircleAnswers]-?: CircleAnswers[K] extends string | undefined ? K : never }[keyof CircleAnswers];

/**
 * Asks for every field the flags did not give, in the order of the file, checking each answer
 * with the rules of `circle validate` as it is given.
 */
export async function interview(given: CircleAnswers, context: InterviewContext): Promise<CircleAnswers> {
  const a: CircleAnswers = { ...given };
  const check = (field: string, key: TextKey) => (value: string) =>
    fieldCheck(context.series, context.defaults(a), field)({ ...a, [key]: value.trim() === '' ? undefined : value.trim() });
  const required = (field: string, key: TextKey) => (value: string) => (value.trim() === '' ? 'required' : check(field, key)(value));
  const text = async (key: TextKey, message: string, field: string, options: { required?: boolean; default?: string } = {}) => {
    if (a[key] !== undefined) return;
    const answer = await ask(message, { default: options.default, validate: options.required ? required(field, key) : check(field, key) });
    if (answer !== '') a[key] = answer;
  };

  const slugs = [...context.series.keys()];
  if (!a.series && slugs.length > 1) a.series = await choose('Series', slugs.map((slug) => ({ value: slug, name: `${slug}: ${context.series.get(slug)?.name ?? ''}` })));
  await text('title', 'Title', 'title', { required: true });
  if (a.id === undefined) {
    a.id = await ask('Id (file name)', {
      default: slugify(a.title ?? ''),
      validate: (value) => (context.exists(value.trim()) ? `circles/${value.trim()}.yaml already exists` : check('id', 'id')(value)),
    });
  }
  await text('number', 'Number in the series', 'number', { default: String(context.defaults(a).number ?? 1) });
  await text('summary', 'Summary (what the session is about)', 'summary');
  if (!a.topic) a.topic = await askList('"We will cover" item');
  if (!a.language) a.language = await choose('Held in', [{ value: 'en', name: 'English' }, { value: 'es', name: 'Spanish (español)' }], 'en');
  await text('hostName', 'Host name', 'host.name', { required: true });
  await text('hostOrg', 'Host organisation', 'host.org');
  await text('hostEmail', 'Host email (replies go there)', 'host.email');
  if (!a.instigator) {
    a.instigator = [];
    for (;;) {
      const name = await ask('Instigator name (empty to finish)');
      if (name === '') break;
      const org = await ask(`Organisation of ${name}`);
      const role = await ask(`Role of ${name}`);
      a.instigator.push([name, org, role].join('|'));
    }
  }
  await text('timezone', 'Time zone (IANA name, or GMT)', 'timezone', { default: context.defaults(a).timezone });
  await text('start', 'Starts at (local date-time, e.g. 2019-12-04T12:00)', 'start', { required: true });
  if (!a.end && !a.duration) {
    const ends = await ask('Ends at (13:15) or lasts (1h15m)', {
      validate: (value) => {
        const v = value.trim();
        if (v === '') return 'required';
        return DURATION_PATTERN.test(v) ? check('duration', 'duration')(v) : check('end', 'end')(v);
      },
    });
    if (DURATION_PATTERN.test(ends)) a.duration = ends;
    else a.end = ends;
  }
  await text('capacity', 'Seats', 'capacity', { default: '20' });
  if (a.recorded === undefined) a.recorded = await askYesNo('Will it be recorded?', true);
  await text('platform', 'Platform (public, e.g. Zoom or Jitsi)', 'platform');
  await text('meetingUrl', 'Meeting link (only confirmed people see it)', 'meeting_url');
  await text('signupUrl', 'Sign-up form link', 'signup_url');
  const other = a.language === 'es' ? 'en' : 'es';
  const hasTranslation = other === 'es' ? a.esTitle || a.esSummary : a.enTitle || a.enSummary;
  if (!hasTranslation && (await askYesNo(`Add ${other === 'es' ? 'a Spanish' : 'an English'} translation?`, false))) {
    const [titleKey, summaryKey] = other === 'es' ? (['esTitle', 'esSummary'] as const) : (['enTitle', 'enSummary'] as const);
    await text(titleKey, 'Translated title', `translations.${other}.title`);
    await text(summaryKey, 'Translated summary', `translations.${other}.summary`);
    const topics = await askList('Translated "We will cover" item');
    if (other === 'es') a.esTopic = topics;
    else a.enTopic = topics;
  }
  return a;
}
