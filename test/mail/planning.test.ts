import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { failure, success, type Result } from '../../src/failure.js';
import type { JournalState } from '../../src/mail/journal.js';
import { planMailing, type Loaded, type Sender } from '../../src/mail/mailing.js';
import { signupId, waitlistMessages, type WantedMessage } from '../../src/mail/messages.js';
import type { ResolvedCircle } from '../../src/model/circle.js';
import type { Roster, Signup } from '../../src/roster/types.js';
import { signupAt } from '../helpers/roster.js';

/* A mail plan is made from what was read alone: the same loaded data, the same plan. */

const person = (email: string, minute: number): Signup => signupAt(email, minute, 'waitlisted');
const cy = person('cy@example.org', 1);
const di = person('di@example.org', 2);
const roster: Roster = { circle: 'c', lastImport: 1, signups: [cy, di], removed: [] };
const resolved = { circle: { id: 'c', status: 'scheduled', language: 'en' } } as unknown as ResolvedCircle;
const told = (signup: Signup, state: 'sent' | 'failed' | 'sending'): JournalState =>
  new Map([[`waitlisted:${signupId(signup)}`, { key: `waitlisted:${signupId(signup)}`, kind: 'waitlisted', to: signup.email, state, at: '2019-11-01T00:00:00.000Z' }]]);
const organizer = success<Sender>({ name: 'Lift', email: 'circles@example.org' });
const nobody = failure('input', 'circle c has no organizer to send from', 'add organizer: {name, email} to the series file, or set CIRCLE_FROM');

const loaded = (journal: JournalState, sender: Result<Sender>, signups = roster): Loaded => ({
  circles: [{ resolved, roster: signups, journal, sender }],
  templates: () => Promise.reject(new Error('no templates in a plan')),
  now: DateTime.fromISO('2019-11-01T00:00:00Z'),
});
const request = (extra: { listOnly?: boolean; resendUnconfirmed?: boolean } = {}) => ({
  command: 'waitlist notify' as const,
  planner: ({ roster: r, journal }: { roster: Roster; journal: JournalState }) => waitlistMessages(r, journal, { cancelled: false, sequence: 0, language: 'en', said: {} }),
  ...extra,
});

describe('planning a mail run from what was read', () => {
  it.each([
    ['nothing sent yet', new Map(), {}, { send: ['cy@example.org', 'di@example.org'], unconfirmed: [], failed: [], alreadySent: 0 }],
    ['one told', told(cy, 'sent'), {}, { send: ['di@example.org'], unconfirmed: [], failed: [], alreadySent: 1 }],
    ['one refused earlier', told(cy, 'failed'), {}, { send: ['di@example.org'], unconfirmed: [], failed: ['cy@example.org'], alreadySent: 0 }],
    ['one left without an answer', told(cy, 'sending'), {}, { send: ['di@example.org'], unconfirmed: ['cy@example.org'], failed: [], alreadySent: 0 }],
    ['one without an answer, resent when asked', told(cy, 'sending'), { resendUnconfirmed: true }, { send: ['cy@example.org', 'di@example.org'], unconfirmed: [], failed: [], alreadySent: 0 }],
  ])('%s', (_, journal, flags, expected) => {
    const result = planMailing(loaded(journal, organizer), request(flags));
    if (!result.ok) throw new Error(result.failure.message);
    const [circle] = result.value.circles;
    const emails = (messages: ReadonlyArray<Pick<WantedMessage, 'signup'>>) => messages.map((m) => m.signup.email);
    expect({ send: emails(circle!.plan.send), unconfirmed: emails(circle!.plan.unconfirmed), failed: emails(circle!.plan.failed), alreadySent: circle!.alreadySent }).toEqual(expected);
    expect(circle!.sender).toEqual({ name: 'Lift', email: 'circles@example.org' });
  });

  it('a circle with no one to send from: listed without a sender, refused for anything else', () => {
    const listed = planMailing(loaded(new Map(), nobody), request({ listOnly: true }));
    expect(listed.ok && listed.value.circles[0]?.sender).toBeUndefined();
    expect(planMailing(loaded(new Map(), nobody), request())).toEqual(nobody);
  });

  it('an address mail cannot go to is refused before the sender is asked for, naming it', () => {
    const broken: Roster = { ...roster, signups: [cy, { ...di, email: 'di@example' }] };
    expect(planMailing(loaded(new Map(), nobody, broken), request())).toEqual(
      failure('input', 'the roster of c has 1 address that mail cannot go to: "di@example"', 'correct or cancel them in the roster, then run `circle validate`'),
    );
  });
});
