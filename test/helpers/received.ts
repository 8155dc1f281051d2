import { mailtoLinks } from './replies.js';
import type { Received } from './smtp.js';

/*
 * What kind of message a person received, read from the message as they see it (its subject, its
 * calendar part, its links), not from the tool's journal: for tests that compare what each person
 * got with what they should have got.
 */

/** English and Spanish subjects, by their start. "Changed:" is told apart by its calendar part. */
const SUBJECTS: Array<[RegExp, string]> = [
  [/^(You are on the waitlist|Estás en la lista de espera)/, 'waitlisted'],
  [/^(Your seat at|Tu plaza en)/, 'invitation'],
  [/^(A seat opened for you|Se liberó una plaza para ti)/, 'seat'],
  [/^(Your seat is cancelled|Plaza cancelada|The seat offer has lapsed|La oferta de plaza ha vencido)/, 'seat-cancelled'],
  [/^(Reminder|Recordatorio):/, 'reminder'],
  [/^(Recording:|Grabación del)/, 'recording'],
  [/^(Corrected recording link|Enlace corregido de la grabación)/, 'recording-correction'],
];

const hasCalendar = (message: Received) => message.mail.attachments.some((a) => a.contentType === 'text/calendar');

/**
 * The kind of a message: by its subject; a change with the invitation is an `update`, without it
 * a `waitlisted-update`; a message that carries a mailto link other than the leave link (the claim
 * link) and the invitation is a seat `offer`. Anything else is its subject, so a comparison shows it.
 */
export function kindOf(message: Received): string {
  const subject = message.mail.subject ?? '';
  const known = SUBJECTS.find(([pattern]) => pattern.test(subject));
  if (known) return known[1];
  if (/^(Changed:|Cambios en el)/.test(subject)) return hasCalendar(message) ? 'update' : 'waitlisted-update';
  if (hasCalendar(message) && mailtoLinks(message).others.length > 0) return 'offer';
  return subject;
}
