import { usageError } from '../errors.js';
import { invitationMessages, recordingMessages, waitlistMessages } from '../mail/messages.js';
import { runMail, type MailOptions } from './mail-run.js';

/*
 * The three mail commands: each decides who is owed what (src/mail/messages.ts); sending,
 * journaling, previews and summaries are shared (mail-run.ts).
 */

export function waitlistNotify(options: MailOptions): Promise<number> {
  return runMail(options, {
    command: 'waitlist notify',
    invitations: true,
    planner: ({ resolved, roster, sequence }) => (resolved.circle.status === 'cancelled' ? [] : waitlistMessages(roster, sequence)),
  });
}

export function invitesSend(options: MailOptions): Promise<number> {
  return runMail(options, {
    command: 'invites send',
    invitations: true,
    planner: ({ resolved, roster, journal, sequence }) => invitationMessages(roster, journal, { cancelled: resolved.circle.status === 'cancelled', sequence, language: resolved.circle.language }),
  });
}

export function followup(options: MailOptions & { recording: string }): Promise<number> {
  let url: URL;
  try {
    url = new URL(options.recording);
  } catch {
    throw usageError(`--recording "${options.recording}" is not a link`, 'give the http(s) link of the recording');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError('--recording must be an http(s) link');
  return runMail(options, {
    command: 'followup',
    invitations: false,
    recordingUrl: url.href,
    planner: ({ resolved, roster }) => (resolved.circle.status === 'cancelled' ? [] : recordingMessages(roster)),
  });
}
