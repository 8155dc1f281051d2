import type { Zone } from 'luxon';
import type { ResolvedCircle } from '../model/circle.js';
import type { Language, Series } from '../model/schema.js';
import { circleText, paragraphs, seriesIntroduction, type MissingTranslation } from '../templates/local-text.js';
import { describeDates, describeWhen, type When } from '../templates/when.js';
import { languageName } from '../templates/words.js';

/*
 * What announcement templates see. Every field is always present (null when there is nothing),
 * so templates run in Handlebars' strict mode and a misspelt placeholder is an error, not a blank.
 * The meeting link is deliberately not part of it: it goes to confirmed people only.
 */

export interface SeatCounts {
  confirmed: number;
  capacity: number;
  waitlisted: number;
}

/** Seats taken per circle, from its roster; undefined where the circle has none. */
export type SeatLookup = (circleId: string) => SeatCounts | undefined;

export interface PersonView {
  name: string;
  org: string | null;
  role: string | null;
}

export interface CircleView {
  id: string;
  number: number;
  title: string;
  summary: string[];
  topics: string[];
  cancelled: boolean;
  host: PersonView;
  instigators: PersonView[];
  when: When;
  /** The language the session is held in, named in the announcement's language. */
  language: string;
  platform: string | null;
  capacity: number;
  recorded: boolean;
  /** Null for a cancelled circle: it is not offered for sign-up. */
  signupUrl: string | null;
  seats: { left: number; full: boolean; confirmed: number; capacity: number; waitlisted: number } | null;
}

export interface AnnouncementView {
  lang: Language;
  kind: 'series' | 'reminder';
  isSeries: boolean;
  /** One circle in a reminder. */
  isSingle: boolean;
  series: {
    name: string;
    introduction: string[];
    mailingListUrl: string | null;
    /** Circles offered for sign-up (not cancelled), and the span of their dates. */
    circleCount: number;
    dates: string | null;
  };
  circles: CircleView[];
}

export interface AnnouncementInput {
  kind: 'series' | 'reminder';
  series: Series;
  seriesFile: string;
  /** In the order they are announced (date order). */
  circles: ResolvedCircle[];
  lang: Language;
  extraZones: readonly Zone[];
  seatsFor?: SeatLookup;
}

const link = (url: string | undefined) => (url === undefined ? null : new URL(url).href);

function person(p: { name: string; org?: string | undefined; role?: string | undefined }): PersonView {
  return { name: p.name, org: p.org ?? null, role: p.role ?? null };
}

function seatsView(counts: SeatCounts | undefined): CircleView['seats'] {
  if (!counts) return null;
  const left = Math.max(0, counts.capacity - counts.confirmed);
  return { left, full: left === 0, ...counts };
}

export function buildAnnouncementView(input: AnnouncementInput): { view: AnnouncementView; missing: MissingTranslation[] } {
  const { lang, series } = input;
  const missing: MissingTranslation[] = [];
  const circles = input.circles.map((resolved): CircleView => {
    const { circle } = resolved;
    const local = circleText(circle, lang, resolved.file);
    missing.push(...local.missing);
    const cancelled = circle.status === 'cancelled';
    return {
      id: circle.id,
      number: circle.number,
      title: local.text.title,
      summary: paragraphs(local.text.summary),
      topics: local.text.topics,
      cancelled,
      host: person(circle.host),
      instigators: circle.instigators.map(person),
      when: describeWhen(resolved.start, resolved.end, resolved.zone, input.extraZones, lang),
      language: languageName(lang, circle.language),
      platform: circle.platform ?? null,
      capacity: circle.capacity,
      recorded: circle.recorded,
      signupUrl: cancelled ? null : link(circle.signup_url),
      seats: cancelled ? null : seatsView(input.seatsFor?.(circle.id)),
    };
  });
  const isSeries = input.kind === 'series';
  const intro = isSeries ? seriesIntroduction(series, lang, input.seriesFile) : { text: undefined, missing: [] };
  missing.push(...intro.missing);
  const offered = input.circles.filter((c) => c.circle.status !== 'cancelled');
  const first = offered[0];
  const last = offered[offered.length - 1];
  return {
    view: {
      lang,
      kind: input.kind,
      isSeries,
      isSingle: circles.length === 1,
      series: {
        name: series.name,
        introduction: paragraphs(intro.text),
        mailingListUrl: link(series.mailing_list_url),
        circleCount: offered.length,
        dates: first && last ? describeDates(first.start, last.start, first.zone, lang) : null,
      },
      circles,
    },
    missing,
  };
}

/** Every placeholder a template may use, as `circles.when.elsewhere.text`; a test keeps it in step with the view. */
export const VIEW_FIELDS: readonly string[] = [
  'lang', 'kind', 'isSeries', 'isSingle', 'subject',
  'series', 'series.name', 'series.introduction', 'series.mailingListUrl', 'series.circleCount', 'series.dates',
  'circles', 'circles.id', 'circles.number', 'circles.title', 'circles.summary', 'circles.topics', 'circles.cancelled',
  'circles.host', 'circles.host.name', 'circles.host.org', 'circles.host.role',
  'circles.instigators', 'circles.instigators.name', 'circles.instigators.org', 'circles.instigators.role',
  'circles.when', 'circles.when.text', 'circles.when.date', 'circles.when.time', 'circles.when.zone',
  'circles.when.elsewhere', 'circles.when.elsewhere.text', 'circles.when.elsewhere.date', 'circles.when.elsewhere.time', 'circles.when.elsewhere.zone',
  'circles.language', 'circles.platform', 'circles.capacity', 'circles.recorded', 'circles.signupUrl',
  'circles.seats', 'circles.seats.left', 'circles.seats.full', 'circles.seats.confirmed', 'circles.seats.capacity', 'circles.seats.waitlisted',
];
