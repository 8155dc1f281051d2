import * as z from 'zod';
import { EMAIL_PATTERN } from './email.js';
import { BIDI, CONTROL } from './invisible.js';
import { SLUG_PATTERN } from './slug.js';
import { DURATION_PATTERN, LOCAL_DATE_TIME_PATTERN, parseDuration, resolveZone, TIME_OF_DAY_PATTERN } from './time.js';

/*
 * The one schema of circle and series files: `circle validate` checks with it, and the JSON Schema
 * that editors use is generated from it. Field order here is the documented order in files.
 * Rules that need more than one field or file (dates, zones, ids) live in src/validate.
 */

export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

// What a one-line field (a title, a platform) cannot hold: line breaks and other control characters, which
// end a mail header early, and bidi controls, which make text read differently from what it is.
const NOT_IN_A_LINE = new RegExp(`[${CONTROL}${BIDI}]`);

/** Why a one-line text cannot be used as it is, or undefined when it can. */
export function notOneLine(value: string): string | undefined {
  const found = NOT_IN_A_LINE.exec(value);
  if (!found) return undefined;
  const char = found[0];
  const code = `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what = char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029' ? `a line break (${code})` : /[\u0000-\u001f\u007f-\u009f]/.test(char) ? `the control character ${code}` : `the invisible bidi control ${code}`;
  return `holds ${what} at character ${found.index + 1}: it must be one line of plain text; remove it`;
}

/** Non-empty text on one line, checked by notOneLine. */
const oneLine = (description: string, example: string) =>
  z
    .string()
    .trim()
    .min(1)
    .superRefine((value, ctx) => {
      const reason = notOneLine(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    })
    .meta({ description, examples: [example] });
/** Plain text: several lines are fine (a summary), and names are made one line where they are used. */
const text = (description: string, example: string) => z.string().trim().min(1).meta({ description, examples: [example] });
const slug = (description: string, example: string) => z.string().regex(SLUG_PATTERN).max(100, 'is longer than 100 characters: it names files (rosters/<id>.yaml), and file names have a limit').meta({ description, examples: [example] });
/** An address by the one email rule (src/model/email.ts), as every schema of the tool checks it. */
export const emailField = (description: string, example = 'host@example.org') =>
  z.email({ pattern: EMAIL_PATTERN }).max(254).meta({ description, examples: [example] });
const webUrl = (description: string, example: string) =>
  z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).meta({ description, examples: [example] });
const duration = (description: string, example: string) =>
  z.string().regex(DURATION_PATTERN).meta({ description, examples: [example] });
/** A duration before the start (a reminder): 0m would come at the start, too late to remind anyone. */
const beforeStart = (description: string, example: string) =>
  duration(description, example).superRefine((text, ctx) => {
    const parsed = parseDuration(text);
    // Text of the wrong form is reported by the pattern already.
    if (!parsed.ok && DURATION_PATTERN.test(text)) ctx.addIssue({ code: 'custom', message: parsed.reason });
  });
/** Reminder emails, as durations before the start. */
const reminderEmails = z.array(beforeStart('How long before the start', '24h'));
/** Hours a freed seat is held for the person it is offered to (timed seat offers). */
const offerHours = (description: string) =>
  z.number().positive().meta({ description, examples: [48] });
const timezone = z
  .string()
  .min(1)
  .meta({ description: 'IANA time zone such as Europe/London or America/Bogota; GMT and UTC are accepted and shown as GMT', examples: ['GMT'] });

const person = z.strictObject({
  name: text('Full name, as shown in announcements', 'Hera Hussain'),
  email: emailField('Address that mail comes from'),
});

const hostSchema = z
  .strictObject({
    name: text('Full name of the host', 'Hera Hussain'),
    org: text('Organisation of the host', 'Open Contracting Partnership').optional(),
    email: emailField('Address of the host; replies to circle mail go here').optional(),
  })
  .meta({ description: 'Who hosts the session' });

const instigatorSchema = z.strictObject({
  name: text('Full name of the instigator', 'Sascha Haselmayer'),
  org: text('Organisation of the instigator', 'Citymart').optional(),
  role: text('Role of the instigator at that organisation', 'CEO').optional(),
});

const translationSchema = z
  .strictObject({
    title: oneLine('Title in this language', 'Cómo argumentar a favor de la contratación abierta').optional(),
    summary: text('Summary in this language', 'En esta sesión hablaremos de…').optional(),
    topics: z.array(text('A topic in this language', 'Casos de éxito')).optional(),
  })
  .meta({ description: 'Circle text in another language, for announcements in that language' });

export const circleSchema = z
  .strictObject({
    id: slug('Slug that names the circle; must match the file name', 'making-a-case'),
    series: slug('Slug of the series this circle belongs to', 'lift'),
    number: z.number().int().positive().meta({ description: 'Number of the circle within its series', examples: [1] }),
    title: oneLine('Title of the session', 'Making a case for open contracting'),
    summary: text('What the session is about; several lines are fine', 'In this session, we will talk about…').optional(),
    topics: z
      .array(text('One thing the session covers', 'Common blockers'))
      .default([])
      .meta({ description: 'The "We will cover" list' }),
    language: z.enum(LANGUAGES).default('en').meta({ description: 'Language the session is held in' }),
    host: hostSchema,
    instigators: z.array(instigatorSchema).default([]).meta({ description: 'People who start the discussion' }),
    start: z
      .string()
      .regex(LOCAL_DATE_TIME_PATTERN)
      .meta({ description: 'Local date and time in the circle time zone', examples: ['2019-12-04T12:00'] }),
    end: z
      .string()
      .regex(new RegExp(`${LOCAL_DATE_TIME_PATTERN.source}|${TIME_OF_DAY_PATTERN.source}`))
      .optional()
      .meta({ description: 'Time of day on the same day, or a local date-time; give end or duration', examples: ['13:15'] }),
    duration: duration('Length of the session; give end or duration', '1h15m').optional(),
    timezone: timezone.optional(),
    capacity: z.number().int().positive().default(20).meta({ description: 'Seats in the session', examples: [20] }),
    recorded: z.boolean().default(true).meta({ description: 'Whether the session is recorded for those without a seat' }),
    reminder: beforeStart('How long before the session calendars remind people', '1h').optional(),
    reminders: reminderEmails.optional().meta({ description: "Reminder emails to confirmed people, each this long before the start (`circle remind`); overrides the series'; [] for none", examples: [['24h', '1h']] }),
    offer_hours: offerHours("Timed seat offers: a freed seat is offered to the first person waiting for this many hours (never past 1 h before the start) instead of given outright; overrides the series'").optional(),
    platform: oneLine('Public name of the meeting platform', 'Zoom').optional(),
    meeting_url: webUrl('Meeting link, shown only to confirmed people', 'https://meet.example.org/lift-1').optional(),
    signup_url: webUrl('Sign-up form', 'https://forms.example.org/lift-1').optional(),
    recording_url: webUrl('Link to the recording, once the session is over: `circle followup` and `circle run` send it to everyone who signed up', 'https://video.example.org/lift-1').optional(),
    organizer: person.optional().meta({ description: 'Who invitations and mail come from; overrides the series organizer' }),
    status: z.enum(['scheduled', 'cancelled']).default('scheduled').meta({ description: 'A cancelled circle stays on file' }),
    translations: z
      .strictObject({ en: translationSchema.optional(), es: translationSchema.optional() })
      .optional()
      .meta({ description: 'Title, summary and topics in other languages' }),
  })
  .meta({ title: 'Learning circle', description: 'One learning circle: circles/<id>.yaml' });

export const seriesSchema = z
  .strictObject({
    slug: slug('Slug of the series; must match the file name <slug>.series.yaml', 'lift'),
    name: oneLine('Name of the series', 'Lift Learning Circles'),
    introduction: z
      .strictObject({
        en: text('Introduction in English', 'Announcing Lift Learning Circles…').optional(),
        es: text('Introduction in Spanish', 'Presentamos los círculos de aprendizaje Lift…').optional(),
      })
      .optional()
      .meta({ description: 'Opening text of the series announcement' }),
    mailing_list_url: webUrl('Where people sign up for news of the series', 'https://lists.example.org/lift').optional(),
    organizer: person.optional().meta({ description: 'Who invitations and mail come from' }),
    timezone: timezone.meta({ description: 'Default time zone of the circles of this series', examples: ['GMT'] }),
    extra_timezones: z
      .array(
        z.string().superRefine((name, ctx) => {
          const zone = resolveZone(name);
          if (!zone.ok) ctx.addIssue({ code: 'custom', message: zone.reason });
        }),
      )
      .optional()
      .meta({
        description: 'Time zones that announcements show next to each circle\'s own (circle announce --tz overrides them)',
        examples: [['America/Bogota', 'Africa/Johannesburg', 'Asia/Manila']],
      }),
    reminder: beforeStart('Default reminder before a session', '1h').default('1h'),
    reminders: reminderEmails.default(['24h']).meta({ description: 'Reminder emails to confirmed people, each this long before the start (`circle remind`); [] for none', examples: [['24h', '1h']] }),
    offer_hours: offerHours('Timed seat offers: a freed seat is offered to the first person waiting for this many hours (never past 1 h before the start) instead of given outright; absent: seats are given outright').optional(),
    uid_domain: z
      .string()
      .regex(z.regexes.domain)
      .meta({ description: 'Domain for calendar event UIDs; never change it once invites are out', examples: ['circles.example.org'] }),
  })
  .meta({ title: 'Learning circle series', description: 'Settings shared by a series: circles/<slug>.series.yaml' });

export type Circle = z.output<typeof circleSchema>;
export type CircleInput = z.input<typeof circleSchema>;
export type Series = z.output<typeof seriesSchema>;
export type Instigator = z.output<typeof instigatorSchema>;
