import type { InboxCircle, SentMessage, Workspace } from '../../inbox/decide.js';
import { readHandled } from '../../inbox/handled-file.js';
import { deriveUid } from '../../invites/published.js';
import { readPublished } from '../../invites/published-file.js';
import { readJournal } from '../../mail/journal.js';
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

/** The journal kinds that carry a calendar REQUEST: a reply to one of them answers that invitation. */
const INVITING = new Set(['seat', 'invitation', 'update']);
/** A message that may have arrived: only those can bounce, or be answered. */
const MAYBE_DELIVERED = new Set(['sent', 'unconfirmed']);

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

async function journalOf(dir: string, circle: string): Promise<{ invited: Set<string>; sent: SentMessage[] }> {
  const { state } = await readJournal(journalFile(dir, circle));
  const invited = new Set<string>();
  const sent: SentMessage[] = [];
  for (const record of state.values()) {
    if (!MAYBE_DELIVERED.has(record.state)) continue;
    // The Message-ID each sent message carries, once the mail commands record it.
    const messageId = (record as { messageId?: unknown }).messageId;
    sent.push({ circle, key: record.key, to: record.to, at: record.at, ...(typeof messageId === 'string' ? { messageId } : {}) });
    if (INVITING.has(record.kind)) invited.add(emailKey(record.to));
  }
  return { invited, sent };
}

export async function loadInbox(dir: string, secret: string | undefined): Promise<Loaded> {
  const { circles } = await loadCircles(dir);
  const { state } = await readPublished(dir);
  const ids = circles.map((resolved) => resolved.circle.id);
  const [rosters, journals, handled] = await Promise.all([Promise.all(ids.map((id) => readRoster(dir, id))), Promise.all(ids.map((id) => journalOf(dir, id))), readHandled(dir)]);
  return {
    circles,
    workspace: {
      circles: circles.map((resolved) => inboxCircle(resolved, state)),
      rosters: new Map<string, Roster>(ids.map((id, index) => [id, rosters[index]!])),
      invited: new Map(ids.map((id, index) => [id, journals[index]!.invited])),
      sent: journals.flatMap((journal) => journal.sent),
      handled,
      ...(secret ? { secret } : {}),
    },
  };
}
