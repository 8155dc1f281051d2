import { rosterError, rosterProblems } from '../roster/checks.js';
import { readRoster } from '../roster/store.js';
import type { Roster } from '../roster/types.js';
import { preparePublishing } from '../invites/publish.js';
import type { ResolvedCircle } from '../model/circle.js';
import { Refused, refused, success, unwrap, type Result } from '../failure.js';
import { templateLoader } from '../templates/files.js';
import { loadCircles } from '../workspace/load.js';
import { shownPath as shown } from '../workspace/file-errors.js';
import { journalFile } from '../workspace/paths.js';
import { readJournal } from './journal.js';
import { circlesToMail, type Loaded, type LoadedCircle, type MailingRequest, type Sender } from './mailing.js';
import { senderFor } from './outgoing.js';

/* The edge of a mail run: everything its plan is made from, read once. Nothing is written. */

/** A roster that fails its checks (one person twice, say) is not mailed from: which entry is meant is the organiser's call. */
async function refuseFailingRoster(dir: string, resolved: ResolvedCircle, roster: Roster): Promise<void> {
  const id = resolved.circle.id;
  if (!rosterError(roster, id, resolved.circle.capacity)) return;
  const errors = (await rosterProblems(dir, id, resolved.circle.capacity)).filter((p) => p.severity === 'error');
  const [first] = errors;
  if (!first) return;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  throw refused(
    'input',
    `${shown(first.file)}:${first.line}:${first.col}: ${first.message}${more}; nothing was sent`,
    `${first.hint ? `${first.hint}, ` : ''}run \`circle validate\` until it passes, then run this again`,
  );
}

/** The sender, or why there is none (no organizer, a broken CIRCLE_FROM) for the plan to decide on. */
const senderOf = (resolved: ResolvedCircle, env: MailingRequest['env']): Promise<Result<Sender>> =>
  senderFor(resolved, env).then(success, (error: unknown) => {
    if (error instanceof Refused) return { ok: false as const, failure: error.failure };
    throw error;
  });

/** The chosen circles with their rosters (refused when they fail their checks), journals and senders; the published state when the messages carry invitations. */
export async function loadMailing(request: MailingRequest): Promise<Loaded> {
  const { circles } = await loadCircles(request.dir);
  const chosen = unwrap(circlesToMail(circles, request.ids, request.all ?? false));
  const publishing = request.invitations ? await preparePublishing(request.dir, circles, chosen, request.now) : undefined;
  const loaded: LoadedCircle[] = [];
  for (const resolved of chosen) {
    const roster = await readRoster(request.dir, resolved.circle.id);
    await refuseFailingRoster(request.dir, resolved, roster);
    const { state } = await readJournal(journalFile(request.dir, resolved.circle.id));
    loaded.push({ resolved, roster, journal: state, sender: await senderOf(resolved, request.env) });
  }
  return { circles: loaded, templates: templateLoader(request.dir), ...(publishing ? { publishing } : {}), now: request.now };
}
