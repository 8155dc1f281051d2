import type { DateTime } from 'luxon';
import { Refused, refused } from '../failure.js';
import { personalInvitation, type PersonalInvitation } from '../invites/personal.js';
import type { Publication } from '../invites/published.js';
import type { ResolvedCircle } from '../model/circle.js';
import { isValidEmail, quoted } from '../model/email.js';
import { composeLetter, newMessageId, type Address } from './compose.js';
import type { Outgoing } from './deliver.js';
import { journalDetail, type WantedMessage } from './messages.js';
import type { Template } from '../templates/files.js';
import { CALENDAR_KINDS } from './kinds.js';
import { claimOf, leaveOf } from './leave-links.js';

/** Who mail comes from: the circle's or series' organizer, else CIRCLE_FROM ("Name <address>" or an address). */
export async function senderFor(resolved: ResolvedCircle, env: Readonly<Record<string, string | undefined>>): Promise<{ name: string; email: string }> {
  if (resolved.organizer) return resolved.organizer;
  const from = env.CIRCLE_FROM?.trim();
  if (from) {
    const { default: parseAddress } = await import('nodemailer/lib/addressparser');
    const [first] = parseAddress(from, { flatten: true });
    if (first?.address && isValidEmail(first.address)) return { name: first.name || resolved.series.name, email: first.address };
    throw refused('input', `CIRCLE_FROM is not an email address: ${quoted(from)}`, 'e.g. CIRCLE_FROM="Lift Learning Circles <circles@example.org>"');
  }
  throw refused('input', `circle ${resolved.circle.id} has no organizer to send from`, 'add organizer: {name, email} to the series file, or set CIRCLE_FROM');
}

export interface BuildContext {
  templates: (name: string) => Promise<Template>;
  resolved: ResolvedCircle;
  publication?: Publication | undefined;
  sender: { name: string; email: string };
  now: DateTime;
  /** Send to this address instead of the person's (`--test-to`). */
  to?: string | undefined;
  /** CIRCLE_SECRET: without it, messages go without leave and claim links. */
  secret?: string | undefined;
}

async function invitationFor(message: WantedMessage, context: BuildContext, resolved: ResolvedCircle): Promise<PersonalInvitation | undefined> {
  if (!CALENDAR_KINDS.has(message.kind)) return undefined;
  if (!context.publication) throw new Error(`a ${message.kind} message needs the circle's publication`);
  const person = { name: message.signup.name ?? '', email: context.to ?? message.signup.email, language: message.signup.language };
  const invitation = await personalInvitation(resolved, context.publication, person, { seat: message.kind === 'seat-cancelled' ? 'cancelled' : 'confirmed', sentAt: context.now });
  if (!invitation.ok) throw new Refused(invitation.failure);
  return invitation.value;
}

/** The message as it goes out: in the person's language, from the organizer, replies to the host. */
export async function buildOutgoing(message: WantedMessage, context: BuildContext): Promise<Outgoing> {
  const resolved: ResolvedCircle = { ...context.resolved, organizer: context.sender };
  const { signup } = message;
  const to = context.to ?? signup.email;
  const leave = leaveOf(message.kind, { ...context, to });
  const claim = claimOf(message.kind, { ...context, to });
  const extra = { recordingUrl: message.said?.recording, before: message.before, leaveUrl: leave?.mailto, offerExpires: message.offerExpires, claimUrl: claim?.mailto };
  // Handlebars is loaded by the first message built: a run with nothing to send never loads it.
  const { messageView, renderMessage } = await import('./render.js');
  const view = messageView(resolved, message.kind, signup.language, { name: signup.name, position: message.position, offerLapsed: message.offerLapsed }, extra);
  const rendered = await renderMessage(context.templates, message.kind, view);
  const host = resolved.circle.host;
  const messageId = newMessageId(context.sender.email);
  const raw = await composeLetter({
    from: { name: context.sender.name, address: context.sender.email },
    to: { name: context.to ? undefined : signup.name, address: to } satisfies Address,
    replyTo: host.email ? { name: host.name, address: host.email } : undefined,
    message: rendered,
    invitation: await invitationFor(message, context, resolved),
    messageId,
    listUnsubscribe: leave?.listUnsubscribe,
  });
  return {
    key: message.key,
    kind: message.kind,
    to,
    from: context.sender.email,
    raw,
    messageId,
    detail: journalDetail(message),
  };
}
