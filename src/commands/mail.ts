import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { inputError, usageError } from '../errors.js';
import { isOurs, staleIn } from '../invites/plan.js';
import { readPublished } from '../invites/published-file.js';
import { circleNow, invitationMessages, recordingMessages, waitlistMessages } from '../mail/messages.js';
import type { ResolvedCircle } from '../model/circle.js';
import { shellQuote } from '../ui/shell.js';
import { warn } from '../ui/terminal.js';
import { INVITES_DIR, invitesDir } from '../workspace/paths.js';
import { runMail, type MailOptions } from './mail-run.js';

/*
 * The three mail commands: each decides who is owed what (src/mail/messages.ts); sending,
 * journaling, previews and summaries are shared (mail-run.ts).
 */

/**
 * A mail run publishes a change of the circle (a higher SEQUENCE): the calendar files that
 * `circle invites` wrote into invites/ before then say the old time, and people who subscribed
 * to them would keep it. Each such file is named, with the command that rewrites it.
 */
async function warnStaleFiles(dir: string): Promise<void> {
  const folder = invitesDir(dir);
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.ics')).sort();
  if (names.length === 0) return;
  const { state } = await readPublished(dir);
  for (const name of names) {
    const text = await readFile(join(folder, name), 'utf8').catch(() => '');
    const stale = isOurs(text) ? staleIn(text, state) : [];
    if (stale.length === 0) continue;
    const command = `circle${dir === '.' ? '' : ` -C ${shellQuote(dir)}`} invites ${stale.join(' ')}`;
    warn(`${join(INVITES_DIR, name)} is out of date: ${stale.join(', ')} changed since it was written, and calendars that read it keep the old details; run \`${command}\` to rewrite it`);
  }
}

export async function waitlistNotify(options: MailOptions): Promise<number> {
  const code = await runMail(options, {
    command: 'waitlist notify',
    invitations: true,
    planner: ({ resolved, roster, journal, sequence }) => waitlistMessages(roster, journal, circleNow(resolved, sequence)),
  });
  await warnStaleFiles(options.dir);
  return code;
}

export async function invitesSend(options: MailOptions): Promise<number> {
  const code = await runMail(options, {
    command: 'invites send',
    invitations: true,
    planner: ({ resolved, roster, journal, sequence }) => invitationMessages(roster, journal, circleNow(resolved, sequence)),
  });
  await warnStaleFiles(options.dir);
  return code;
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
