import type { ChalkInstance } from 'chalk';
import { DateTime } from 'luxon';
import type { ResolvedCircle } from '../../model/circle.js';
import { REPLY_WORDS } from '../../roster/replies.js';
import type { SignupRow } from './list.js';

/* `circle signups list` as a table for people: times in the circle's zone, the notes of each signup. */

/** A time in the circle's zone, as the organiser reads it. */
export function localTime(iso: string, circle: ResolvedCircle): string {
  return DateTime.fromISO(iso, { zone: circle.zone }).toFormat('yyyy-MM-dd HH:mm:ss');
}

export function table(rows: SignupRow[], circle: ResolvedCircle, paint: ChalkInstance): string {
  const header = ['STATUS', '#', 'NAME', 'EMAIL', 'LANG', `SIGNED UP (${circle.zoneLabel})`, 'NOTE'];
  const answer = (r: SignupRow) => (r.reply && r.replied ? `${REPLY_WORDS[r.reply]} (${localTime(r.replied, circle)})` : '');
  // An offered person's owed mail is the offer.
  const owed = (r: SignupRow) => (r.seatEmailOwed ? (r.status === 'offered' ? 'owed the offer email' : 'owed a seat email') : '');
  const offer = (r: SignupRow) => (r.offerExpires ? `offer open until ${localTime(r.offerExpires, circle)}` : '');
  const note = (r: SignupRow) => [offer(r), owed(r), answer(r), r.note ?? '', ...(r.mail ?? []).map((m) => `${m.kind} email ${m.state}`)].filter(Boolean).join('; ');
  const cells = rows.map((r) => [r.status, r.position === undefined ? '' : String(r.position), r.name ?? '', r.email, r.language, localTime(r.signedUp, circle), note(r)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [paint.bold(line(header)), ...cells.map(line)].join('\n');
}
