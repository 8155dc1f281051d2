import type { InboxCircle, Workspace } from '../../inbox/decide.js';
import { sentMessages } from '../../mail/bounces.js';
import { readHandled } from '../../inbox/handled-file.js';
import { deriveUid } from '../../invites/published.js';
import { readPublished } from '../../invites/published-file.js';
import { readJournal } from '../../mail/journal.js';
import { SEATED_KINDS, type MessageKind } from '../../mail/kinds.js';
import { emailKey } from '../../model/email.js';
import type { ResolvedCircle } from '../../model/circle.js';
import { readRoster } from '../../roster/store.js';
import type { Roster } from '../../roster/types.js';
import { loadCircles } from '../../workspace/load.js';
import { journalFile } from '../../workspace/paths.js';

/*
 * What `circle inbox` decides against, read once at the start of a run: the circles with the UID and
 * SEQUENCE their invitations carry, the rosters, who each invitation went to and every message sent
 * (from the mail journals), and the Message-IDs earlier runs handled.
 */

/** An invitation that may have arrived (a bounced one may have been read where it was forwarded). */
const MAYBE_DELIVERED = new Set(['sent', 'unconfirmed', 'bounced']);

export interface Loaded {
  workspace: Workspace;
  circles: ResolvedCircle[];
}

function inboxCircle(resolved: ResolvedCircle, published: Awaited<ReturnType<typeof readPublished>>['state']): InboxCircle {
  const { circle } = resolved;
  // A circle never published sent no invitation: its derived UID answers nothing, but leave links still name it.
  const entry = published[circle.id];
  return { id: circle.id, title: circle.title, uid: entry?.uid ?? deriveUid(circle.id, resolved.series.uid_domain), sequence: entry?.sequence ?? 0, cancelled: circle.status === 'cancelled' };
}

/** Who each invitation of a circle went to (a reply answers one of them): the kinds that carry a REQUEST, seat offers too. */
async function invitedIn(dir: string, circle: string): Promise<Set<string>> {
  const { state } = await readJournal(journalFile(dir, circle));
  const invited = new Set<string>();
  for (const record of state.values()) if (SEATED_KINDS.has(record.kind as MessageKind) && MAYBE_DELIVERED.has(record.state)) invited.add(emailKey(record.to));
  return invited;
}

export async function loadInbox(dir: string, secret: string | undefined): Promise<Loaded> {
  const { circles } = await loadCircles(dir);
  const { state } = await readPublished(dir);
  const ids = circles.map((resolved) => resolved.circle.id);
  const [rosters, invited, sent, handled] = await Promise.all([Promise.all(ids.map((id) => readRoster(dir, id))), Promise.all(ids.map((id) => invitedIn(dir, id))), sentMessages(dir), readHandled(dir)]);
  return {
    circles,
    workspace: {
      circles: circles.map((resolved) => inboxCircle(resolved, state)),
      rosters: new Map<string, Roster>(ids.map((id, index) => [id, rosters[index]!])),
      invited: new Map(ids.map((id, index) => [id, invited[index]!])),
      sent,
      handled,
      ...(secret ? { secret } : {}),
    },
  };
}
