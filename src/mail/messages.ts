import { createHash } from 'node:crypto';
import type { DateTime } from 'luxon';
import { utcIso } from '../model/time.js';
import { emailKey } from '../model/email.js';
import type { ResolvedCircle } from '../model/circle.js';
import { LANGUAGES, type Language } from '../model/schema.js';
import { compareSignups, inSignupOrder, type Roster, type Signup } from '../roster/types.js';
import { LAPSED_NOTE } from '../roster/offers.js';
import { owedSeatEmails, positions } from '../roster/seats.js';
import { derivedOnce } from '../workspace/derived.js';
import type { JournalRecord, JournalState } from './journal.js';
import { SEATED_KINDS, WAITLIST_KINDS, type MessageKind } from './kinds.js';
import { owedOffers, unexpired } from './offers.js';

/*
 * Who is owed which message, from the roster and what the journal says was sent: pure rules.
 * A message's key names what it says and to which signup, so a second run finds it sent and
 * skips it, and nobody is told the same thing twice.
 */

/** Whom a message goes to: a signup of the roster, or what the journal kept of one erased since. */
type Addressee = Pick<Signup, 'name' | 'email' | 'language' | 'signedUp'>;

/**
 * What a message told its reader about the circle, journaled with it, so that an update can say
 * what changed for that reader: start and end (UTC ISO), platform, meeting link, recording link.
 */
export interface Said {
  start?: string;
  end?: string;
  platform?: string;
  link?: string;
  recording?: string;
}

export interface WantedMessage {
  key: string;
  kind: MessageKind;
  signup: Addressee;
  /** Waitlist position, for the waitlist messages. */
  position?: number;
  /** The calendar SEQUENCE the message tells of (and a seat, invitation or update carries). */
  sequence?: number;
  /** What this message says, journaled with it. */
  said?: Said;
  /** What the reader was told before, for an update or a correction; empty when the journal does not say. */
  before?: Said;
  /** For an offer: when it lapses (ISO instant); an offer past it is not sent. */
  offerExpires?: string;
  /** For a seat cancellation: the seat was only offered, and the offer lapsed (the reader never had the seat). */
  offerLapsed?: true;
}

/** One signup of one person: a person who cancels and signs up again is a new signup. Journaled with each message. */
export const signupId = (signup: Pick<Signup, 'email' | 'signedUp'>) => `${emailKey(signup.email)} ${signup.signedUp}`;

/** What the journal keeps of a message besides its state: what later runs decide on. */
export function journalDetail(message: WantedMessage): Record<string, string | number> {
  const said = Object.entries(message.said ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return {
    signup: signupId(message.signup),
    language: message.signup.language,
    ...(message.sequence !== undefined ? { sequence: message.sequence } : {}),
    ...(message.offerExpires !== undefined ? { offerExpires: message.offerExpires } : {}),
    ...Object.fromEntries(said),
  };
}

/** What a circle is now, to a seated reader (`link` included) and to a waitlisted one: made once per read circle, as every plan of it asks. */
const saidNow = derivedOnce((resolved: ResolvedCircle): { seated: Said; waiting: Said } => {
  const { circle } = resolved;
  const waiting = { start: utcIso(resolved.start), end: utcIso(resolved.end), platform: circle.platform ?? '' };
  return { seated: { ...waiting, link: circle.meeting_url ?? '' }, waiting };
});

/** What the circle is now, as a message to a seated (`link`) or waitlisted reader says it. */
export const saidOf = (resolved: ResolvedCircle, seated: boolean): Said => (seated ? saidNow(resolved).seated : saidNow(resolved).waiting);

const SAID: ReadonlyArray<keyof Said> = ['start', 'end', 'platform', 'link', 'recording'];

/** What a journaled message said; built in place, as every record of a journal comes through here on every plan. */
const saidIn = (record: JournalRecord): Said => {
  const said: Said = {};
  for (const name of SAID) {
    const value = record.detail?.[name];
    if (typeof value === 'string') said[name] = value;
  }
  return said;
};

interface Told {
  /** The highest SEQUENCE told of (messages from before it was journaled count as 0). */
  sequence: number;
  /** What the message of that SEQUENCE said. */
  said: Said;
  /** Where it went, and in which language (journals from before it was recorded do not say). */
  to: string;
  language: Language | undefined;
}

/** The latest told of one signup in `told`, with `record` counted. */
function tell(told: Map<string, Told>, record: JournalRecord): void {
  const id = String(record.detail?.signup ?? '');
  const sequence = Number(record.detail?.sequence ?? 0);
  const earlier = told.get(id);
  if (earlier && earlier.sequence > sequence) return;
  const language = LANGUAGES.find((lang) => lang === record.detail?.language);
  told.set(id, { sequence, said: saidIn(record), to: record.to, language });
}

/** What the journal says each signup (`detail.signup`) was told. */
interface ToldSignups {
  /** The latest seat or invitation: the event is in their calendar. */
  seated: ReadonlyMap<string, Told>;
  /** The latest message to them on the waitlist (their place, a change). */
  waitlisted: ReadonlyMap<string, Told>;
  /** The latest news, on the waitlist, that the circle is cancelled. */
  waitlistCancelled: ReadonlyMap<string, Told>;
}

/** Per signup, the latest sent message of each group the planners decide on: one pass, once per read journal (every mail step and status plans from it). */
const toldSignups = derivedOnce((journal: JournalState): ToldSignups => {
  const seated = new Map<string, Told>();
  const waitlisted = new Map<string, Told>();
  const waitlistCancelled = new Map<string, Told>();
  for (const record of journal.values()) {
    if (record.state !== 'sent') continue;
    const kind = record.kind as MessageKind;
    if (SEATED_KINDS.has(kind)) tell(seated, record);
    if (WAITLIST_KINDS.has(kind)) tell(waitlisted, record);
    if (kind === 'waitlisted-cancelled') tell(waitlistCancelled, record);
  }
  return { seated, waitlisted, waitlistCancelled };
});

/** Each signup sent a seat or an invitation: the event is in their calendar. */
const invitedSignups = (journal: JournalState) => toldSignups(journal).seated;

/** How many of these signups the journal shows were sent a seat or an invitation: each is owed its cancellation once gone. */
export function invitedCount(journal: JournalState, signups: ReadonlyArray<Pick<Signup, 'email' | 'signedUp'>>): number {
  if (signups.length === 0) return 0;
  const held = invitedSignups(journal);
  return signups.filter((signup) => held.has(signupId(signup))).length;
}

/** The circle as the planners need it. */
export interface CircleNow {
  cancelled: boolean;
  sequence: number;
  language: Language;
  /** What a message to a seated reader says of it now. */
  said: Said;
}

export function circleNow(resolved: ResolvedCircle, sequence: number): CircleNow {
  return { cancelled: resolved.circle.status === 'cancelled', sequence, language: resolved.circle.language, said: saidOf(resolved, true) };
}

/** Waitlist positions (1 = next), once per read roster: the waitlist messages and the changes both go through them. */
const waitlistPositions = derivedOnce((roster: Roster): ReadonlyMap<Signup, number> => positions(roster));

/** Per read journal and roster, the messages each planner wants for the circle as it is now: `circle run` plans every circle in several steps, and again for its status. */
const planned = derivedOnce((_journal: JournalState) => derivedOnce((_roster: Roster) => new Map<string, readonly WantedMessage[]>()));

/** What `plan` gives for this journal, roster and circle, made once (each caller gets its own array). */
function plannedOnce(name: string, roster: Roster, journal: JournalState, circle: CircleNow, plan: () => WantedMessage[]): WantedMessage[] {
  const kept = planned(journal)(roster);
  const key = `${name} ${JSON.stringify(circle)}`;
  let messages = kept.get(key);
  if (!messages) kept.set(key, (messages = plan()));
  return [...messages];
}

const withoutLink = ({ link: _, ...said }: Said): Said => said;

const sameInstant = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);
/** What a waitlisted reader was told still holds: a new meeting link alone is not theirs to hear of (it comes with a seat). */
const stillHolds = (before: Said, now: Said) => sameInstant(before.start, now.start) && sameInstant(before.end, now.end) && before.platform === now.platform;

const seatMessage = (signup: Signup, circle: CircleNow): WantedMessage => ({ key: `seat:${signupId(signup)}`, kind: 'seat', signup, sequence: circle.sequence, said: circle.said });

/** The offer of a freed seat, with the invitation: sent once per signup, as a seat mail is. */
const offerMessage = (signup: Signup, circle: CircleNow): WantedMessage => ({
  key: `offer:${signupId(signup)}`,
  kind: 'offer',
  signup,
  sequence: circle.sequence,
  said: circle.said,
  ...(signup.offerExpires !== undefined ? { offerExpires: signup.offerExpires } : {}),
});

/**
 * Waitlisted people hear of a change too: those told their place get the new time and platform
 * once per change, and when the circle is cancelled every waitlisted person is told, once.
 */
const waitlistChanges = (roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] => plannedOnce('waitlist changes', roster, journal, circle, () => changesToWaitlist(roster, journal, circle));

function changesToWaitlist(roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] {
  const { waitlisted: told, waitlistCancelled: toldCancelled } = toldSignups(journal);
  const wanted: WantedMessage[] = [];
  for (const [signup, position] of waitlistPositions(roster)) {
    const id = signupId(signup);
    if (circle.cancelled) {
      wanted.push({ key: `waitlisted-cancelled:${id}:${circle.sequence}`, kind: 'waitlisted-cancelled', signup, position, sequence: circle.sequence });
      continue;
    }
    const earlier = told.get(id);
    if (earlier && earlier.sequence < circle.sequence) {
      const said = withoutLink(circle.said);
      // Told since that it was cancelled: they hear it is on again, even with the same details.
      const cancelledSince = (toldCancelled.get(id)?.sequence ?? -1) > earlier.sequence;
      if (stillHolds(earlier.said, said) && !cancelledSince) continue;
      wanted.push({ key: `waitlisted-update:${id}:${circle.sequence}`, kind: 'waitlisted-update', signup, position, sequence: circle.sequence, said, before: earlier.said });
    }
  }
  return wanted;
}

/**
 * A cancelled circle, to each seated person with no event in their calendar yet (never sent a seat
 * or an invitation): they would hear nothing from a calendar cancellation. Once per change.
 */
function uninvitedSeats(roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] {
  if (!circle.cancelled) return [];
  const held = invitedSignups(journal);
  return inSignupOrder(roster.signups.filter((s) => s.status === 'confirmed' && !held.has(signupId(s)))).map((signup) => ({
    key: `confirmed-cancelled:${signupId(signup)}:${circle.sequence}`,
    kind: 'confirmed-cancelled',
    signup,
    sequence: circle.sequence,
  }));
}

/**
 * `waitlist notify`: where each waitlisted person stands, once; their seat to each person promoted,
 * the offer to each person offered one (unexpired() drops those past their deadline); changes of the circle.
 */
export const waitlistMessages = (roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] => plannedOnce('waitlist', roster, journal, circle, () => toWaitlist(roster, journal, circle));

function toWaitlist(roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] {
  if (circle.cancelled) return [...uninvitedSeats(roster, journal, circle), ...waitlistChanges(roster, journal, circle)];
  const said = withoutLink(circle.said);
  const waiting = [...waitlistPositions(roster)].map(
    ([signup, position]): WantedMessage => ({ key: `waitlisted:${signupId(signup)}`, kind: 'waitlisted', signup, position, sequence: circle.sequence, said }),
  );
  const seats = owedSeatEmails(roster).map((signup) => seatMessage(signup, circle));
  return [...seats, ...owedOffers(roster).map((signup) => offerMessage(signup, circle)), ...waiting, ...waitlistChanges(roster, journal, circle)];
}

/** What `waitlist notify` sends at `now` (and `circle status` counts as owed): an offer past its deadline never goes. */
export const waitlistNotices = (roster: Roster, journal: JournalState, circle: CircleNow, now: DateTime): WantedMessage[] => unexpired(waitlistMessages(roster, journal, circle), now);

/** The roster in signup order, and the addresses on it (emailKey): made once per read roster. */
const rosterOrder = derivedOnce((roster: Roster): { signups: readonly Signup[]; emails: ReadonlySet<string> } => ({
  signups: [...roster.signups].sort(compareSignups),
  emails: new Set(roster.signups.map((s) => emailKey(s.email))),
}));

/**
 * `invites send`: an invitation to each confirmed person not yet invited (the seat email for a
 * promoted one; an offered person's invitation came with the offer), an update to those holding an
 * older SEQUENCE (an open offer too), and a cancellation to each invited
 * person whose seat, or whose circle, is cancelled, or who was erased from the roster since; and
 * to the waitlist, the change of the circle.
 */
export const invitationMessages = (roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] => plannedOnce('invitations', roster, journal, circle, () => invitations(roster, journal, circle));

function invitations(roster: Roster, journal: JournalState, circle: CircleNow): WantedMessage[] {
  const held = invitedSignups(journal);
  const owed = new Set(owedSeatEmails(roster));
  const wanted: WantedMessage[] = [];
  const cancellation = (signup: Addressee & { note?: string }, id: string) => {
    const kind = circle.cancelled ? 'cancelled' : 'seat-cancelled';
    const lapsed = kind === 'seat-cancelled' && signup.note === LAPSED_NOTE;
    wanted.push({ key: `${kind}:${id}${circle.cancelled ? `:${circle.sequence}` : ''}`, kind, signup, sequence: circle.sequence, ...(lapsed ? { offerLapsed: true as const } : {}) });
  };
  const { signups, emails: onRoster } = rosterOrder(roster);
  for (const signup of signups) {
    const id = signupId(signup);
    const holds = held.get(id);
    if (circle.cancelled || signup.status === 'cancelled') {
      if (holds !== undefined) cancellation(signup, id);
    } else if (signup.status === 'confirmed') {
      if (holds === undefined) {
        wanted.push(owed.has(signup) ? seatMessage(signup, circle) : { key: `invitation:${id}`, kind: 'invitation', signup, sequence: circle.sequence, said: circle.said });
      } else if (holds.sequence < circle.sequence) {
        wanted.push({ key: `update:${id}:${circle.sequence}`, kind: 'update', signup, sequence: circle.sequence, said: circle.said, before: holds.said });
      }
    } else if (signup.status === 'offered' && holds !== undefined && holds.sequence < circle.sequence) {
      // An open offer's invitation is in their calendar: it follows the change, and a claim answers the new version.
      wanted.push({ key: `update:${id}:${circle.sequence}`, kind: 'update', signup, sequence: circle.sequence, said: circle.said, before: holds.said });
    }
  }
  // Erased on request after they were invited (`signups remove` takes every signup of the address):
  // the event is still in their calendar, so its cancellation goes where the invitation went.
  for (const [id, invited] of held) {
    const space = id.lastIndexOf(' ');
    if (space < 0 || onRoster.has(id.slice(0, space))) continue;
    cancellation({ email: invited.to, language: invited.language ?? circle.language, signedUp: id.slice(space + 1) }, id);
  }
  return [...wanted, ...uninvitedSeats(roster, journal, circle), ...waitlistChanges(roster, journal, circle)];
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/**
 * `followup`: the recording to everyone who signed up and did not cancel, once per person; to
 * those sent another recording link before, the corrected link, once per link.
 */
export function recordingMessages(roster: Roster, journal: JournalState, url: string): WantedMessage[] {
  const people = new Map<string, Signup>();
  for (const signup of rosterOrder(roster).signups) {
    if (signup.status !== 'cancelled' && !people.has(emailKey(signup.email))) people.set(emailKey(signup.email), signup);
  }
  return [...people].map(([key, signup]): WantedMessage => {
    const sent = journal.get(`recording:${key}`);
    const before = sent?.state === 'sent' ? saidIn(sent).recording : undefined;
    if (before === undefined || before === url) return { key: `recording:${key}`, kind: 'recording', signup, said: { recording: url } };
    return { key: `recording-correction:${key}:${shortHash(url)}`, kind: 'recording-correction', signup, said: { recording: url }, before: { recording: before } };
  });
}
