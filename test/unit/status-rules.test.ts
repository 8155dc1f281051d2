import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalState } from '../../src/mail/journal.js';
import { signupId } from '../../src/mail/messages.js';
import type { ResolvedCircle } from '../../src/model/circle.js';
import type { Roster, Signup, Status } from '../../src/roster/types.js';
import { circleMail } from '../../src/status/mail.js';
import { circleNeedsPerson, fromPlaceholder, pastScheduled, placeholdersIn, workspaceNeedsPerson } from '../../src/status/rules.js';
import { signupAt } from '../helpers/roster.js';

/* The rules of `circle status`: what a circle owes, what is held back for a person, and what needs one. */

const person = (email: string, minute: number, status: Status): Signup => signupAt(email, minute, status, { name: email.split('@')[0]!.replace(/^./, (c) => c.toUpperCase()) });
const ana = person('ana@example.org', 1, 'confirmed');
const ben = person('ben@example.org', 2, 'waitlisted');
const cy = person('cy@example.org', 3, 'waitlisted');
const roster: Roster = { circle: 'budgets', lastImport: 1, signups: [ana, ben, cy], removed: [] };
const start = DateTime.fromISO('2019-12-04T12:00:00Z', { zone: 'UTC' });
const circleOf = (status = 'scheduled') =>
  ({ circle: { id: 'budgets', status, language: 'en', platform: 'Zoom', meeting_url: 'https://meet.example.org/b' }, start, end: start.plus({ minutes: 75 }), zone: FixedOffsetZone.utcInstance, zoneLabel: 'GMT' }) as unknown as ResolvedCircle;

const record = (key: string, kind: string, to: string, state: JournalRecord['state'], more: Partial<JournalRecord> = {}): [string, JournalRecord] => [key, { key, kind, to, state, at: '2019-11-01T00:00:00.000Z', ...more }];
const invited = record(`invitation:${signupId(ana)}`, 'invitation', ana.email, 'sent', { detail: { signup: signupId(ana), sequence: 0 } });
const told = (s: Signup, state: JournalRecord['state'], more: Partial<JournalRecord> = {}) => record(`waitlisted:${signupId(s)}`, 'waitlisted', s.email, state, { detail: { signup: signupId(s) }, ...more });

describe('what a circle owes and holds back', () => {
  const cases: Array<{ name: string; journal: JournalState; sequence?: number; owed: Array<[string, Record<string, number>]>; held: Array<[string, string, string]> }> = [
    {
      name: 'nothing sent yet',
      journal: new Map(),
      owed: [['circle waitlist notify budgets', { waitlisted: 2 }], ['circle invites send budgets', { invitation: 1 }]],
      held: [],
    },
    { name: 'everyone told', journal: new Map([invited, told(ben, 'sent'), told(cy, 'sent')]), owed: [], held: [] },
    { name: 'a change of the circle', journal: new Map([invited, told(ben, 'sent'), told(cy, 'sent')]), sequence: 1, owed: [['circle waitlist notify budgets', { 'waitlisted-update': 2 }], ['circle invites send budgets', { update: 1 }]], held: [] },
    {
      name: 'one refused, one unanswered',
      journal: new Map([invited, told(ben, 'failed', { response: '550 no such user' }), told(cy, 'sending')]),
      owed: [],
      held: [
        ['failed', 'ben@example.org', 'circle waitlist notify budgets --retry-failed'],
        ['unconfirmed', 'cy@example.org', 'circle waitlist notify budgets --resend-unconfirmed'],
      ],
    },
    {
      name: 'mail to an address that bounced',
      journal: new Map([told(ben, 'sent'), told(cy, 'sent'), record('old', 'waitlisted', ana.email, 'bounced', { response: '5.1.1 user unknown' })]),
      owed: [],
      held: [['bounced', 'ana@example.org', 'circle invites send budgets --retry-bounced']],
    },
  ];
  it.each(cases)('$name', ({ journal, sequence, owed, held }) => {
    const result = circleMail({ resolved: circleOf(), roster, journal, sequence: sequence ?? 0 });
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.owed.map((o) => [o.command, o.kinds])).toEqual(owed);
    expect(result.value.held.map((h) => [h.state, h.to, h.command])).toEqual(held);
  });

  it('names the person in full with the server answer', () => {
    const result = circleMail({ resolved: circleOf(), roster, journal: new Map([invited, told(ben, 'failed', { response: '550 no such user' }), told(cy, 'sent')]), sequence: 0 });
    expect(result.ok && result.value.held).toEqual([
      { kind: 'waitlisted', state: 'failed', to: 'ben@example.org', name: 'Ben', response: '550 no such user', hint: 'once the address is right (`circle signups edit`), send it again', command: 'circle waitlist notify budgets --retry-failed' },
    ]);
  });

  it('refuses a roster address that mail cannot go to', () => {
    const result = circleMail({ resolved: circleOf(), roster: { ...roster, signups: [{ ...ana, email: 'ana at example.org' }] }, journal: new Map(), sequence: 0 });
    expect(result.ok ? '' : result.failure.message).toBe('the roster of budgets has 1 address that mail cannot go to: "ana at example.org"');
  });
});

describe('a circle past its start', () => {
  it.each([
    { name: 'before the start', status: 'scheduled', now: '2019-12-04T11:59:00Z', past: null },
    { name: 'at the start', status: 'scheduled', now: '2019-12-04T12:00:00Z', past: 'Wednesday 4 December 2019, 12:00 GMT' },
    { name: 'cancelled', status: 'cancelled', now: '2020-01-01T00:00:00Z', past: null },
  ])('$name', ({ status, now, past }) => {
    expect(pastScheduled(circleOf(status), DateTime.fromISO(now))?.started ?? null).toBe(past);
  });
});

describe('placeholders', () => {
  it.each([
    { name: 'an example organiser', settings: { organizer: { name: 'Lift', email: 'circles@example.com' } }, found: ['organizer.email'] },
    { name: 'an example sign-up link', settings: { signup_url: 'https://forms.example.org/x' }, found: ['signup_url'] },
    { name: 'ids under .invalid, as init makes them', settings: { uid_domain: 'lift-x1.invalid' }, found: [] },
    { name: 'real settings', settings: { organizer: { name: 'Lift', email: 'circles@lift.org.uk' }, signup_url: 'https://forms.lift.org.uk/x' }, found: [] },
  ])('$name', ({ settings, found }) => {
    expect(placeholdersIn(settings, 'circles/x.yaml').map((p) => p.setting)).toEqual(found);
  });
});

describe('CIRCLE_FROM as a placeholder', () => {
  it.each([
    { from: undefined, found: [] },
    { from: 'Lift <circles@example.com>', found: ['CIRCLE_FROM'] },
    { from: 'circles@lift.org.uk', found: [] },
  ])('$from', ({ from, found }) => {
    expect(fromPlaceholder(from).map((p) => p.setting)).toEqual(found);
  });
});

describe('what needs a person', () => {
  const quiet = { mail: [], placeholders: [], past: null, problems: [] };
  const held = { kind: 'seat', state: 'failed' as const, to: 'ana@example.org', name: null, response: '550', hint: '', command: '' };
  it.each([
    { name: 'nothing, even with mail owed', circle: quiet, needs: false },
    { name: 'a failed message', circle: { ...quiet, mail: [held] }, needs: true },
    { name: 'a placeholder', circle: { ...quiet, placeholders: [{ file: 'f', setting: 's', message: 'm', hint: 'h' }] }, needs: true },
    { name: 'past but scheduled', circle: { ...quiet, past: { started: 'then', hint: 'h' } }, needs: true },
    { name: 'a damaged roster', circle: { ...quiet, problems: [{ message: 'm', hint: 'h' }] }, needs: true },
  ])('$name', ({ circle, needs }) => {
    expect(circleNeedsPerson(circle)).toBe(needs);
  });

  it.each([
    { name: 'no circle needs one', circles: [{ needsPerson: false }], series: 0, stale: 0, needs: false },
    { name: 'a circle needs one', circles: [{ needsPerson: false }, { needsPerson: true }], series: 0, stale: 0, needs: true },
    { name: 'a series placeholder', circles: [], series: 1, stale: 0, needs: true },
    { name: 'a stale file', circles: [{ needsPerson: false }], series: 0, stale: 1, needs: true },
  ])('the workspace: $name', ({ circles, series, stale, needs }) => {
    const placeholders = Array.from({ length: series }, () => ({ file: 'f', setting: 's', message: 'm', hint: 'h' }));
    expect(workspaceNeedsPerson(circles, placeholders, Array.from({ length: stale }, () => 'invites/x.ics is out of date'))).toBe(needs);
  });
});
