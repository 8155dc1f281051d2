import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalState } from '../../src/mail/journal.js';
import { signupId } from '../../src/mail/messages.js';
import { nextSteps, owedAfter, promotions, type ChangeFacts, type Owed } from '../../src/mail/next-steps.js';

const ana = { email: 'ana@example.org', signedUp: '2019-10-28T09:00:00.000Z' };
const ben = { email: 'Ben@example.org', signedUp: '2019-10-28T09:05:00.000Z' };
const record = (kind: string, person: typeof ana, state: JournalRecord['state'] = 'sent'): [string, JournalRecord] => {
  const key = `${kind}:${signupId(person)}`;
  return [key, { key, kind, to: person.email, state, at: '2019-11-01T00:00:00.000Z', detail: { signup: signupId(person), sequence: 0 } }];
};

describe('what a roster change leaves owed', () => {
  const journal: JournalState = new Map([record('waitlisted', ana), record('seat', ana), record('invitation', ben, 'failed')]);
  it.each<[string, ChangeFacts, Owed['messages']]>([
    ['an import: invitations for the seated, notices for the waitlisted', { circle: 'c', seated: 3, waitlisted: 2 }, { waitlisted: 2, seat: 0, offer: 0, invitation: 3, 'seat-cancelled': 0 }],
    ['a cancel that promotes: a seat email', { circle: 'c', promoted: 1, left: [ben] }, { waitlisted: 0, seat: 1, offer: 0, invitation: 0, 'seat-cancelled': 0 }],
    ['a cancel that offers the seat (offer_hours): the offer email', { circle: 'c', offered: 1, left: [ben] }, { waitlisted: 0, seat: 0, offer: 1, invitation: 0, 'seat-cancelled': 0 }],
    ['someone who had their seat email leaves: its cancellation', { circle: 'c', left: [ana] }, { waitlisted: 0, seat: 0, offer: 0, invitation: 0, 'seat-cancelled': 1 }],
    ['a failed invitation put nothing in their calendar', { circle: 'c', left: [ben] }, { waitlisted: 0, seat: 0, offer: 0, invitation: 0, 'seat-cancelled': 0 }],
    ['the address matches in any spelling', { circle: 'c', left: [{ ...ana, email: 'ANA@example.org' }] }, { waitlisted: 0, seat: 0, offer: 0, invitation: 0, 'seat-cancelled': 1 }],
    ['a cancelled circle: nothing for this change', { circle: 'c', cancelled: true, promoted: 1, left: [ana] }, {}],
  ])('%s', (_, change, messages) => {
    expect(owedAfter(change, journal)).toEqual({ circle: 'c', messages });
  });
});

describe('who a change took off the waitlist', () => {
  it('counts those seated outright and those offered a seat apart', () => {
    expect(promotions([{ status: 'confirmed' }, { status: 'offered' }, { status: 'offered' }])).toEqual({ promoted: 1, offered: 2 });
    expect(promotions([])).toEqual({ promoted: 0, offered: 0 });
  });
});

describe('which commands a change names', () => {
  const owed = (circle: string, messages: Owed['messages']): Owed => ({ circle, messages });
  it.each<[string, Owed[], string, string[]]>([
    ['nothing owed', [owed('c', { seat: 0, offer: 0, invitation: 0 })], '.', []],
    ['a promotion', [owed('c', { seat: 1 })], '.', ['circle waitlist notify c  (1 owed a "you have a seat" email)']],
    ['an offer', [owed('c', { offer: 1 })], '.', ['circle waitlist notify c  (1 offered a seat, owed the offer email)']],
    ['a cancellation after an invitation', [owed('c', { 'seat-cancelled': 1 })], '.', ['circle invites send c  (1 invited before leaving, owed the calendar cancellation)']],
    [
      'both: the seat email first, once per command',
      [owed('c', { seat: 1, 'seat-cancelled': 1 })],
      '.',
      ['circle waitlist notify c  (1 owed a "you have a seat" email)', 'circle invites send c  (1 invited before leaving, owed the calendar cancellation)'],
    ],
    [
      'an import',
      [owed('c', { waitlisted: 4, seat: 1, invitation: 20 })],
      '.',
      ['circle waitlist notify c  (4 waitlisted, not yet told their place; 1 owed a "you have a seat" email)', 'circle invites send c  (20 seated, not yet invited)'],
    ],
    [
      'a move or a series import: one command for every circle',
      [owed('a', { seat: 1, 'seat-cancelled': 1 }), owed('b', { waitlisted: 1 }), owed('d', { invitation: 2 })],
      '.',
      ['circle waitlist notify a b  (1 waitlisted, not yet told their place; 1 owed a "you have a seat" email)', 'circle invites send a d  (2 seated, not yet invited; 1 invited before leaving, owed the calendar cancellation)'],
    ],
    ['another workspace folder', [owed('c', { seat: 2 })], '../lift', ['circle -C ../lift waitlist notify c  (2 owed a "you have a seat" email)']],
    ['a folder the shell would split', [owed('c', { seat: 2 })], "/tmp/Ana's circles", ["circle -C '/tmp/Ana'\\''s circles' waitlist notify c  (2 owed a \"you have a seat\" email)"]],
  ])('%s', (_, given, workspace, lines) => {
    expect(nextSteps(given, workspace).map((s) => `${s.command}  (${s.why})`)).toEqual(lines);
  });
});
