import { DateTime } from 'luxon';
import { inputError, usageError } from '../errors.js';
import { circleNow, invitationMessages, recordingMessages, waitlistMessages } from '../mail/messages.js';
import type { ResolvedCircle } from '../model/circle.js';
import { runMail, type MailOptions } from './mail-run.js';

/*
 * The three mail commands: each decides who is owed what (src/mail/messages.ts); sending,
 * journaling, previews and summaries are shared (mail-run.ts).
 */

export function waitlistNotify(options: MailOptions): Promise<number> {
  return runMail(options, {
    command: 'waitlist notify',
    invitations: true,
    planner: ({ resolved, roster, journal, sequence }) => waitlistMessages(roster, journal, circleNow(resolved, sequence)),
  });
}

export function invitesSend(options: MailOptions): Promise<number> {
  return runMail(options, {
    command: 'invites send',
    invitations: true,
    planner: ({ resolved, roster, journal, sequence }) => invitationMessages(roster, journal, circleNow(resolved, sequence)),
  });
}

/** A recording exists only once the session is over: before that, the link would be a promise. */
function endedOrRefuse(resolved: ResolvedCircle, now: DateTime): void {
  if (resolved.end <= now) return;
  const ends = resolved.end.setZone(resolved.zone).toFormat('yyyy-MM-dd HH:mm');
  throw inputError(
    `${resolved.circle.id} has not ended yet: it ends ${ends} ${resolved.zoneLabel}, so there is no recording to send`,
    `run \`circle followup ${resolved.circle.id} --recording <url>\` after the session`,
  );
}

export function followup(options: MailOptions & { recording: string }): Promise<number> {
  let url: URL;
  try {
    url = new URL(options.recording);
  } catch {
    throw usageError(`--recording "${options.recording}" is not a link`, 'give the http(s) link of the recording');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError('--recording must be an http(s) link');
  const now = DateTime.now();
  return runMail(options, {
    command: 'followup',
    invitations: false,
    recordingUrl: url.href,
    planner: ({ resolved, roster, journal }) => {
      if (resolved.circle.status === 'cancelled') return [];
      endedOrRefuse(resolved, now);
      return recordingMessages(roster, journal, url.href);
    },
  });
}
