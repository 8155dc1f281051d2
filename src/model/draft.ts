import type { DateTime } from 'luxon';
import { cleanEmail, emailKey } from './email.js';
import { slugify } from './slug.js';
import { circleSchema, type Circle, type Series } from './schema.js';
import { parseLocalDateTime, placeLocalTime, resolveZone, type Parsed } from './time.js';
import { readEnd, readStart } from './typed-time.js';
import { circleFindings } from '../validate/circle-rules.js';
import { pastStart } from '../validate/past-start.js';
import { error, fieldName, type Finding } from '../validate/problem.js';
import { schemaFindings } from '../validate/schema-findings.js';

/*
 * The circle that `circle add` writes, from flags or answers: the draft, its defaults from the
 * series, and the errors `circle validate` would give it, before anything is written.
 */

/** What `circle add` collects, from flags or answers, named as its options. */
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
  organizer?: { name: string; email: string };
}

/** What a new circle of the series takes unless told: the number after the series' highest, the series' zone and organizer. */
export function draftDefaults(slug: string | undefined, series: Series | undefined, circles: ReadonlyArray<Pick<Circle, 'series' | 'number'>>): DraftDefaults {
  const numbers = circles.filter((c) => c.series === slug).map((c) => c.number);
  return { series: slug, number: Math.max(0, ...numbers) + 1, timezone: series?.timezone, organizer: series?.organizer };
}

function typed(text: string | undefined, read: (text: string) => Parsed<string>): string | undefined {
  const parsed = text === undefined ? undefined : read(text);
  return parsed?.ok ? parsed.value : text;
}

/** The answers with start and end in the form of the file where they can be read, else as typed (answerErrors says why). */
export function inFileForm(a: CircleAnswers): CircleAnswers {
  return { ...a, start: typed(a.start, readStart), end: typed(a.end, readEnd) };
}

/** The circle's own organizer; one the same as the series' is left out, so the circle follows the series. */
function ownOrganizer(a: CircleAnswers, inherited: DraftDefaults['organizer']) {
  const own = compact({ name: a.organizerName, email: email(a.organizerEmail) });
  const same = own?.email !== undefined && inherited && own.name === inherited.name && emailKey(own.email) === emailKey(inherited.email);
  return same ? undefined : own;
}

/** The circle that the answers describe, keys in the documented order. */
export function circleDraft(answers: CircleAnswers, defaults: DraftDefaults): Record<string, unknown> {
  const a = inFileForm(answers);
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
    organizer: ownOrganizer(a, defaults.organizer),
    status: 'scheduled',
    translations: compact({
      en: translation(a.enTitle, a.enSummary, a.enTopic),
      es: translation(a.esTitle, a.esSummary, a.esTopic),
    }),
  };
}

/** Required answers that have no default: each entry lists the answers of which one is needed. */
export function missingAnswers(a: CircleAnswers, seriesCount: number): Array<ReadonlyArray<keyof CircleAnswers>> {
  const missing: Array<ReadonlyArray<keyof CircleAnswers>> = [];
  if (!a.title?.trim()) missing.push(['title']);
  if (!a.start) missing.push(['start']);
  if (!a.end && !a.duration) missing.push(['end', 'duration']);
  if (!a.hostName?.trim()) missing.push(['hostName']);
  if (seriesCount > 1 && !a.series) missing.push(['series']);
  return missing;
}

/** The errors `circle validate` would report for this draft: the same rules, run before writing. */
function draftErrors(draft: Record<string, unknown>, series: ReadonlyMap<string, Series>): Finding[] {
  const findings = [
    ...schemaFindings(circleSchema, draft).findings,
    ...circleFindings(draft, { fileId: String(draft.id ?? ''), series }),
  ];
  return findings.filter((f) => f.severity === 'error');
}

/** Every error of the answers: a start or end that cannot be read, then what `circle validate` would say of the draft. */
export function answerErrors(a: CircleAnswers, defaults: DraftDefaults, series: ReadonlyMap<string, Series>): Finding[] {
  const unread = (['start', 'end'] as const).flatMap((field) => {
    const text = a[field];
    const read = text === undefined ? undefined : (field === 'start' ? readStart : readEnd)(text);
    return read && !read.ok ? [error([field], read.reason)] : [];
  });
  const fields = new Set(unread.map((f) => fieldName(f.path)));
  return [...unread, ...draftErrors(circleDraft(a, defaults), series).filter((f) => !fields.has(fieldName(f.path)))];
}

/** The first error the answers give for one field, worded for a prompt. */
export function fieldCheck(series: ReadonlyMap<string, Series>, defaults: DraftDefaults, field: string) {
  return (answers: CircleAnswers): true | string => {
    const errors = answerErrors(answers, defaults, series).filter((f) => {
      const name = fieldName(f.path);
      return name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`);
    });
    return errors[0] ? `${errors[0].message}${errors[0].hint ? ` (${errors[0].hint})` : ''}` : true;
  };
}

/** "Wednesday 4 December 2019, 09:30 GMT" when a start (in the file's form) has passed in its zone: a typo in the year, or a circle added for the record. */
export function passedStart(start: string | undefined, timezone: string | undefined, now: DateTime): string | undefined {
  const local = start === undefined ? undefined : parseLocalDateTime(start);
  const zone = resolveZone(timezone ?? '');
  if (!local?.ok || !zone.ok) return undefined;
  const placed = placeLocalTime(local.value, zone.value);
  return placed.kind === 'exact' ? pastStart(placed.instant, zone.value, 'scheduled', now) : undefined;
}

export const PASSED_START_NOTE = 'announcements will offer it as if it were to come: check the year and date';
