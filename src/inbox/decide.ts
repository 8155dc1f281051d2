import { emailKey } from '../model/email.js';
import type { Roster } from '../roster/types.js';
import type { About, InboxAction } from './actions.js';
import type { Classified } from './classify.js';
import { bounceActions } from './decide-bounce.js';
import { list } from './decide-common.js';
import { claimAction, leaveAction, replyAction } from './decide-reply.js';

/*
 * What to do with the classified messages of one run: a pure function of the messages and what
 * the workspace knows, so a dry run shows exactly what a real run would do. Messages are taken in
 * the order given (oldest first): a decline and then an accept of the same seat leave it cancelled.
 */

export interface InboxCircle {
  id: string;
  title?: string;
  /** The UID and SEQUENCE its invitations carry (published.yaml). */
  uid: string;
  sequence: number;
  cancelled: boolean;
}

/** A message the journal says was sent. */
export interface SentMessage {
  /** The circle whose journal holds it: keys are only unique within one journal. */
  circle: string;
  key: string;
  to: string;
  /** ISO instant of its last record: with no Message-ID to go by, a bounce is put on the latest message to the address. */
  at: string;
  messageId?: string;
}

export interface Workspace {
  circles: readonly InboxCircle[];
  /** By circle id. */
  rosters: ReadonlyMap<string, Roster>;
  /** By circle id: the addresses (emailKey) its invitation was sent to. */
  invited: ReadonlyMap<string, ReadonlySet<string>>;
  sent: readonly SentMessage[];
  /** Message-IDs acted on by earlier runs. */
  handled: ReadonlySet<string>;
  /** CIRCLE_SECRET, for leave tokens; without it they are listed for a person. */
  secret?: string;
}

export interface InboxMessage {
  /** The RawMessage key. */
  source: string;
  message: Classified;
}

/** What the rules share within one run: the workspace, and the seats cancelled so far. */
export interface Run extends Workspace {
  circleByUid: ReadonlyMap<string, InboxCircle>;
  circleById: ReadonlyMap<string, InboxCircle>;
  sentById: ReadonlyMap<string, SentMessage>;
  /** The latest message to each address (emailKey). */
  sentTo: ReadonlyMap<string, SentMessage>;
  /** `<circle> <emailKey>` of each signup cancelled by an earlier message of this run. */
  cancelled: Set<string>;
}

const aboutOf = (source: string, message: Classified): About => ({
  source,
  ...(message.messageId ? { messageId: message.messageId } : {}),
  ...(message.date ? { date: message.date } : {}),
  ...(message.from ? { from: message.from } : {}),
  subject: message.subject,
});

function prepare(workspace: Workspace): Run {
  const sentTo = new Map<string, SentMessage>();
  for (const sent of workspace.sent) {
    const key = emailKey(sent.to);
    const before = sentTo.get(key);
    if (!before || before.at <= sent.at) sentTo.set(key, sent);
  }
  return {
    ...workspace,
    circleByUid: new Map(workspace.circles.map((circle) => [circle.uid, circle])),
    circleById: new Map(workspace.circles.map((circle) => [circle.id, circle])),
    sentById: new Map(workspace.sent.flatMap((sent) => (sent.messageId ? [[sent.messageId, sent] as const] : []))),
    sentTo,
    cancelled: new Set(),
  };
}

function actionsFor(about: About, message: Classified, run: Run): InboxAction[] {
  switch (message.kind) {
    case 'calendar-reply':
      return [replyAction(about, message, message.reply, run)];
    case 'leave':
      return [leaveAction(about, message, message.token, run)];
    case 'claim':
      return [claimAction(about, message, message.token, run)];
    case 'bounce':
      return bounceActions(about, message, message.report, run);
    case 'auto-reply':
      return [{ ...about, type: 'auto-reply' }];
    case 'other':
      return [message.note ? list(about, 'unreadable', message.note, message.circle) : list(about, 'question', 'mail for the organiser to read', message.circle)];
  }
}

export function decide(messages: readonly InboxMessage[], workspace: Workspace): InboxAction[] {
  const run = prepare(workspace);
  const seen = new Set<string>();
  return messages.flatMap(({ source, message }) => {
    const about = aboutOf(source, message);
    // The same message read twice (an earlier run, or a copy in the same mailbox) is acted on once.
    const id = message.messageId;
    if (id !== undefined && (workspace.handled.has(id) || seen.has(id))) return [{ ...about, type: 'ignore', reason: 'already-handled' }];
    if (id !== undefined) seen.add(id);
    return actionsFor(about, message, run);
  });
}
