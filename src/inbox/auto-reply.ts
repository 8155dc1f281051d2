/*
 * Mail a machine wrote in answer to ours: counted, never acted on. RFC 3834 says how an
 * auto-responder should mark it; older ones and some clients only say so in other headers or in
 * the subject, so those are read too.
 */

/** Subject starts that mail clients and servers write for out-of-office answers (en, es, and the languages they often arrive in). */
const OUT_OF_OFFICE = [
  'automatic reply', 'auto reply', 'auto-reply', 'autoreply', 'auto response', 'auto-response', 'out of office', 'out of the office', 'ooo',
  'respuesta automática', 'respuesta automatica', 'fuera de la oficina', 'réponse automatique',
  'automatische antwort', 'abwesenheitsnotiz', 'resposta automática', 'risposta automatica', 'autosvar', 'automatisch antwoord',
];
const OUT_OF_OFFICE_SUBJECT = new RegExp(`^(?:(?:re|aw|fw|fwd|sv|vs|rv)\\s*:\\s*)*(?:${OUT_OF_OFFICE.join('|')})\\b`, 'iu');

const header = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : Array.isArray(value) ? String(value[0] ?? '').trim().toLowerCase() : '');

/** Why a message is an auto-reply, or undefined: the header or subject that says so. */
export function autoReplyReason(headers: ReadonlyMap<string, unknown>, subject: string): string | undefined {
  const submitted = header(headers.get('auto-submitted'));
  // RFC 3834: `no` (and an absent header) means a person sent it; anything else is automatic.
  if (submitted !== '' && submitted.split(/[\s;]/)[0] !== 'no') return `Auto-Submitted: ${submitted}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponder']) {
    const value = header(headers.get(name));
    if (value !== '' && value !== 'no') return `${name}: ${value}`;
  }
  const precedence = header(headers.get('precedence'));
  if (precedence === 'auto_reply') return `Precedence: ${precedence}`;
  if (OUT_OF_OFFICE_SUBJECT.test(subject.trim())) return `subject "${subject.trim()}"`;
  return undefined;
}
