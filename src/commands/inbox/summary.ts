import type { Shown, Style } from '../../context.js';
import { sender } from '../../inbox/decide-common.js';
import type { InboxResult } from '../inbox.js';
import { stepLines } from '../signups/next-steps.js';
import type { Acted, Person } from './act.js';

/*
 * What a run did, for the organiser: each change in full (person, circle, what happened: a seat
 * offer claimed or declined too), the
 * auto-replies counted, each message left for a person (date, sender, subject, circle, why), and
 * the mail commands that tell those a change concerns.
 */

const who = (p: Person) => (p.name ? `${p.name} <${p.email}>` : p.email);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const when = (iso?: string) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'no date');

const ANSWERED = { ACCEPTED: 'accepted', TENTATIVE: 'answered tentative to' } as const;
const CLAIMED_BY = { calendar: 'accepted the invitation', 'claim-link': 'used the claim link' } as const;
const BECAUSE = { declined: (circle: string) => `declined ${circle}`, 'leave-link': (circle: string) => `left ${circle} by the link in a mail` } as const;

function changeLine(action: Acted): string | undefined {
  switch (action.type) {
    case 'cancel': {
      const what = action.unchanged ? 'already cancelled, nothing to do' : action.was === 'waitlisted' ? 'waitlist place cancelled' : action.was === 'offered' ? 'seat offer declined' : 'seat cancelled';
      const promoted = (action.promoted ?? []).map((p) => `; ${who(p)} ${p.offered ? 'offered the seat' : 'promoted to a seat'}`).join('');
      return `${who(action.signup)} ${BECAUSE[action.because](action.signup.circle)}: ${what}${promoted}`;
    }
    case 'record':
      return `${who(action.signup)} ${ANSWERED[action.partstat]} ${action.signup.circle}`;
    case 'claim':
      return `${who(action.signup)} claimed the seat offered in ${action.signup.circle} (${CLAIMED_BY[action.by]}): ${action.unchanged ? 'already confirmed, nothing to do' : 'seat confirmed'}`;
    case 'bounce':
      return `${action.recipient}: mail in ${action.circle} bounced (${action.status ?? 'failed'}): ${action.unchanged ? 'already marked bounced' : 'marked bounced in the journal'}`;
    default:
      return undefined;
  }
}

function forPerson(action: Acted): string | undefined {
  if (action.type !== 'list') return undefined;
  const about = action.circle ?? 'no circle';
  return `  ${when(action.date)}  ${sender(action)}  "${action.subject}"  ${about}: ${action.detail}`;
}

export function presentInbox(result: InboxResult, { colour }: Style): Shown {
  const { actions } = result;
  const changes = actions.map(changeLine).filter((line): line is string => line !== undefined);
  const listed = actions.map(forPerson).filter((line): line is string => line !== undefined);
  const autoReplies = actions.filter((action) => action.type === 'auto-reply').length;
  const ignored = actions.filter((action) => action.type === 'ignore').length;
  const out = [
    `${result.source}: ${plural(result.read, 'new message')}${result.handledBefore ? ` (${result.handledBefore} handled before)` : ''}`,
    ...changes,
    ...(autoReplies ? [`${plural(autoReplies, 'auto-reply', 'auto-replies')} left alone`] : []),
    ...(ignored ? [`${plural(ignored, 'message')} changed nothing (delivery delayed, already cancelled or already handled)`] : []),
    ...(listed.length ? [`${plural(listed.length, 'message')} for a person to read:`, ...listed] : []),
  ];
  const dry = result.dryRun ? 'dry run: nothing written, no message marked\n' : '';
  return { out: `${out.join('\n')}\n`, err: `${dry}${stepLines(result.next, colour.err.bold)}` };
}
