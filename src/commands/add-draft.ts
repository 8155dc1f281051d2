import { cleanEmail } from '../model/email.js';
import { slugify } from '../model/slug.js';
import type { Series } from '../model/schema.js';
import { circleFindings } from '../validate/circle-rules.js';
import { fieldName, type Finding } from '../validate/problem.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { circleSchema } from '../model/schema.js';

/** What `circle add` collects, from flags or answers: the option names of the command. */
export interface CircleAnswers {
  id?: string;
  series?: string;
  number?: string;
  title?: string;
  summary?: string;
  topic?: string[];
  language?: string;
  hostName?: string;
  hostOrg?: string;
  hostEmail?: string;
  /** `name|org|role` */
  instigator?: string[];
  start?: string;
  end?: string;
  duration?: string;
  timezone?: string;
  capacity?: string;
  recorded?: boolean;
  reminder?: string;
  platform?: string;
  meetingUrl?: string;
  signupUrl?: string;
  organizerName?: string;
  organizerEmail?: string;
  esTitle?: string;
  esSummary?: string;
  esTopic?: string[];
  enTitle?: string;
  enSummary?: string;
  enTopic?: string[];
}

/** The flag that sets each field, to name in errors. */
const FLAGS: Record<string, string> = {
  id: '--id', series: '--series', number: '--number', title: '--title', summary: '--summary', topics: '--topic',
  language: '--language', 'host.name': '--host-name', 'host.org': '--host-org', 'host.email': '--host-email',
  instigators: '--instigator', start: '--start', end: '--end', duration: '--duration', timezone: '--timezone',
  capacity: '--capacity', recorded: '--no-recorded', reminder: '--reminder', platform: '--platform',
  meeting_url: '--meeting-url', signup_url: '--signup-url', 'organizer.name': '--organizer-name',
  'organizer.email': '--organizer-email',
  'translations.es.title': '--es-title', 'translations.es.summary': '--es-summary', 'translations.es.topics': '--es-topic',
  'translations.en.title': '--en-title', 'translations.en.summary': '--en-summary', 'translations.en.topics': '--en-topic',
};

export function flagFor(finding: Finding): string {
  const name = fieldName(finding.path);
  const match = Object.keys(FLAGS).filter((field) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`));
  const field = match.sort((a, b) => b.length - a.length)[0];
  return field ? (FLAGS[field] ?? field) : name || 'circle';
}

/** Drops empty values so the file holds only what was given. */
function compact<T extends Record<string, unknown>>(value: T): Partial<T> | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  return entries.length ? (Object.fromEntries(entries) as Partial<T>) : undefined;
}

// Numbers typed as flags stay text when they are not numbers, so the schema can say what is wrong.
const wholeNumber = (text: string | undefined) => (text !== undefined && /^\s*\d+\s*$/.test(text) ? Number(text) : text);
const email = (text: string | undefined) => (text === undefined ? undefined : cleanEmail(text));

function parseInstigator(text: string): Record<string, string> | undefined {
  const [name, org, role] = text.split('|').map((part) => part.trim());
  return compact({ name, org, role }) as Record<string, string> | undefined;
}

export interface DraftDefaults {
  series?: string;
  number?: number;
  timezone?: string;
}

/** The circle that the answers describe, keys in the documented order. */
export function circleDraft(a: CircleAnswers, defaults: DraftDefaults): Record<string, unknown> {
  const title = a.title?.trim();
  const translation = (t?: string, s?: string, topics?: string[]) => compact({ title: t, summary: s, topics: topics ?? [] });
  return {
    id: a.id ?? (title ? slugify(title) : undefined),
    series: a.series ?? defaults.series,
    number: wholeNumber(a.number) ?? defaults.number,
    title,
    summary: a.summary?.trim() || undefined,
    topics: a.topic ?? [],
    language: a.language ?? 'en',
    host: compact({ name: a.hostName, org: a.hostOrg, email: email(a.hostEmail) }),
    instigators: (a.instigator ?? []).map(parseInstigator).filter(Boolean),
    start: a.start,
    end: a.end,
    duration: a.duration,
    timezone: a.timezone ?? defaults.timezone,
    capacity: wholeNumber(a.capacity) ?? 20,
    recorded: a.recorded ?? true,
    reminder: a.reminder,
    platform: a.platform,
    meeting_url: a.meetingUrl,
    signup_url: a.signupUrl,
    organizer: compact({ name: a.organizerName, email: email(a.organizerEmail) }),
    status: 'scheduled',
    translations: compact({
      en: translation(a.enTitle, a.enSummary, a.enTopic),
      es: translation(a.esTitle, a.esSummary, a.esTopic),
    }),
  };
}

/** Required answers that have no default, as the flags to pass. */
export function missingFlags(a: CircleAnswers, seriesCount: number): string[] {
  const missing: string[] = [];
  if (!a.title?.trim()) missing.push('--title');
  if (!a.start) missing.push('--start');
  if (!a.end && !a.duration) missing.push('--end or --duration');
  if (!a.hostName?.trim()) missing.push('--host-name');
  if (seriesCount > 1 && !a.series) missing.push('--series');
  return missing;
}

/** The errors `circle validate` would report for this draft: the same rules, run before writing. */
export function draftErrors(draft: Record<string, unknown>, series: ReadonlyMap<string, Series>): Finding[] {
  const findings = [
    ...schemaFindings(circleSchema, draft).findings,
    ...circleFindings(draft, { fileId: String(draft.id ?? ''), series }),
  ];
  return findings.filter((f) => f.severity === 'error');
}

/** The first error the rules give for one field of a draft, worded for a prompt. */
export function fieldCheck(series: ReadonlyMap<string, Series>, defaults: DraftDefaults, field: string) {
  return (answers: CircleAnswers): true | string => {
    const errors = draftErrors(circleDraft(answers, defaults), series).filter((f) => {
      const name = fieldName(f.path);
      return name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`);
    });
    return errors[0] ? `${errors[0].message}${errors[0].hint ? ` (${errors[0].hint})` : ''}` : true;
  };
}
