import { DateTime } from 'luxon';
import * as z from 'zod';
import { emailField, LANGUAGES } from '../model/schema.js';
import { REPLIES, STATUSES } from './types.js';

/*
 * The roster file as written on disk (snake_case keys). Hand edits are checked against it by
 * `circle validate` and by every command that reads a roster.
 */

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const instant = (description: string) =>
  z
    .string()
    .regex(ISO_INSTANT)
    // Date.parse reads 2019-02-30 as 2019-03-02: luxon refuses a day the month does not have.
    .superRefine((text, ctx) => {
      const parsed = DateTime.fromISO(text, { setZone: true });
      if (!parsed.isValid) ctx.addIssue({ code: 'custom', message: `${text} is not a real date and time: the month has no such day, or the hour or minute is out of range` });
    })
    .meta({ description, examples: ['2019-10-28T09:14:02.000Z'] });
const text = (description: string, example: string) => z.string().trim().min(1).meta({ description, examples: [example] });

const sourceSchema = z
  .strictObject({
    via: z.enum(['import', 'walk-in', 'move']).meta({ description: 'How the signup arrived' }),
    file: text('CSV file it was imported from', 'responses.csv').optional(),
    row: z.number().int().min(2).optional().meta({ description: 'Spreadsheet row in that file (the header is row 1)', examples: [14] }),
    untimed: z.boolean().optional().meta({ description: 'The file had no timestamps: file order ranks it' }),
    from: text('Circle it was moved from', 'making-a-case').optional(),
    import: z.number().int().min(1).meta({ description: 'Number of the change that added it; breaks ties in time', examples: [1] }),
  })
  .meta({ description: 'Where the signup came from' });

const signupFileSchema = z.strictObject({
  name: text('Full name', 'Ana García').optional(),
  email: emailField('Email address as the person gave it', 'ana@example.org'),
  language: z.enum(LANGUAGES).meta({ description: 'Preferred language for mail' }),
  organisation: text('Organisation', 'Fundación Ejemplo').optional(),
  country: text('Country', 'Colombia').optional(),
  signed_up: instant('When the person signed up (ISO instant)'),
  source: sourceSchema,
  status: z.enum(STATUSES).meta({ description: 'confirmed (has a seat), offered (a seat held until offer_expires), waitlisted or cancelled' }),
  status_changed: instant('When the status last changed (ISO instant)'),
  offer_expires: instant('For an offered seat: when the offer lapses unless claimed (ISO instant)').optional(),
  seat_email_owed: z.boolean().optional().meta({ description: 'Promoted from the waitlist; the "you have a seat" email (for an offered seat: the offer email) is not sent yet' }),
  reply: z.enum(REPLIES).optional().meta({ description: 'The last answer to the calendar invitation (a seated person); set with replied' }),
  replied: instant('When that answer was given (ISO instant); set with reply').optional(),
  note: text('Why the status last changed', 'moved to supplier-engagement').optional(),
}).superRefine((signup, ctx) => {
  // An answer without its time, or a time without its answer, cannot be kept or compared.
  const [present, missing] = signup.reply === undefined ? ['replied', 'reply'] : ['reply', 'replied'];
  if ((signup.reply === undefined) !== (signup.replied === undefined)) ctx.addIssue({ code: 'custom', path: [present], message: `is set without ${missing}: give both or neither` });
  // An offer without its deadline could never lapse; a deadline on anything else means nothing.
  if (signup.status === 'offered' && signup.offer_expires === undefined) ctx.addIssue({ code: 'custom', path: ['offer_expires'], message: 'is missing: an offered seat needs the time its offer lapses' });
  if (signup.status !== 'offered' && signup.offer_expires !== undefined) ctx.addIssue({ code: 'custom', path: ['offer_expires'], message: `is set on a ${signup.status} signup: only an offered seat has one; remove the line` });
});

const removedSchema = z.strictObject({
  removed: instant('When the data was erased'),
  status: z.enum(STATUSES).meta({ description: 'Status at the time' }),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/).meta({ description: 'sha256 of the erased row, so old exports cannot bring it back' }),
});

export const rosterFileSchema = z.strictObject({
  circle: z.string().min(1).meta({ description: 'Id of the circle; matches the file name', examples: ['making-a-case'] }),
  last_import: z.number().int().min(0).meta({ description: 'Number of the last change that added signups', examples: [3] }),
  signups: z.array(signupFileSchema).nullable().default([]).meta({ description: 'Everyone who signed up' }),
  removed: z.array(removedSchema).optional().meta({ description: 'Anonymous notes of signups erased on request' }),
});

export type SignupFile = z.output<typeof signupFileSchema>;
export type RosterFile = z.output<typeof rosterFileSchema>;
