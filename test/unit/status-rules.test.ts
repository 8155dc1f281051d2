import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalState } from '../../src/mail/journal.js';
import { signupId } from '../../src/mail/messages.js';
import type { ResolvedCircle } from '../../src/model/circle.js';
import type { Roster, Signup, Status } from '../../src/roster/types.js';
import { circleMail } from '../../src/status/mail.js';
import { followupCircles, followupRecording, withoutRecordingReason } from '../../src/status/followup.js';
import { circleNeedsPerson, fromPlaceholder, nextReminder, offersIn, pastScheduled, placeholdersIn, workspaceNeedsPerson } from '../../src/status/rules.js';
import { signupAt } from '../helpers/roster.js';

/* The rules of `circle status`: what a circle owes, what is held back for a person, and what needs one. */

const person = (email: string, minute: number, status: Status): Signup => signupAt(email, minute, status, { name: email.split('@')[0]!.replace(/^./, (c) => c.toUpperCase()) });
const ana = person('ana@example.org', 1, 'confirmed');
const ben = person('ben@example.org', 2, 'waitlisted');
const cy = person('cy@example.org', 3, 'waitlisted');
const roster: Roster = { circle: 'budgets', lastImport: 1, signups: [ana, ben, cy], removed: [] };
const start = DateTime.fromISO('2019-12-04T12:00:00Z', { zone: 'UTC' });
const circleOf = (status = 'scheduled', more: Record<string, unknown> = {}, zone: Zone = FixedOffsetZone.utcInstance) =>
  ({
    circle: { id: 'budgets', status, language: 'en', platform: 'Zoom', meeting_url: 'https://meet.example.org/b', ...more },
    series: { reminders: ['24h'] },
    start,
    end: start.plus({ minutes: 75 }),
    zone,
    zoneLabel: zone.isUniversal ? 'GMT' : zone.name,
  }) as unknown as ResolvedCircle;
/** Before any reminder is due: nothing but the waitlist and invitations owed. */
const EARLY = DateTime.fromISO('2019-11-01T00:00:00Z');

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
    const result = circleMail({ resolved: circleOf(), roster, journal, sequence: sequence ?? 0, now: EARLY });
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.owed.map((o) => [o.command, o.kinds])).toEqual(owed);
    expect(result.value.held.map((h) => [h.state, h.to, h.command])).toEqual(held);
  });

  it('owes the offer mail only while the offer is open, as waitlist notify sends it', () => {
    const offered: Signup = { ...ben, status: 'offered', offerExpires: '2019-11-02T00:00:00.000Z', seatEmailOwed: true };
    const withOffer: Roster = { ...roster, signups: [ana, offered, cy] };
    const journal: JournalState = new Map([told(cy, 'sent')]);
    const at = (now: string) => circleMail({ resolved: circleOf(), roster: withOffer, journal, sequence: 0, now: DateTime.fromISO(now) });
    const open = at('2019-11-01T00:00:00Z');
    const past = at('2019-11-02T00:00:00Z');
    if (!open.ok || !past.ok) throw new Error('no plan');
    const notify = (owed: typeof open.value.owed) => owed.filter((o) => o.command.includes('waitlist notify')).map((o) => o.kinds);
    expect(notify(open.value.owed)).toEqual([{ offer: 1 }]);
    expect(notify(past.value.owed)).toEqual([]);
  });

  it('names the person in full with the server answer', () => {
    const result = circleMail({ resolved: circleOf(), roster, journal: new Map([invited, told(ben, 'failed', { response: '550 no such user' }), told(cy, 'sent')]), sequence: 0, now: EARLY });
    expect(result.ok && result.value.held).toEqual([
      { kind: 'waitlisted', state: 'failed', to: 'ben@example.org', name: 'Ben', response: '550 no such user', hint: 'once the address is right (`circle signups edit`), send it again', command: 'circle waitlist notify budgets --retry-failed' },
    ]);
  });

  it('refuses a roster address that mail cannot go to', () => {
    const result = circleMail({ resolved: circleOf(), roster: { ...roster, signups: [{ ...ana, email: 'ana at example.org' }] }, journal: new Map(), sequence: 0, now: EARLY });
    expect(result.ok ? '' : result.failure.message).toBe('the roster of budgets has 1 address that mail cannot go to: "ana at example.org"');
  });
});

describe('reminders and the follow-up owed, by the clock', () => {
  const everyoneTold = new Map([invited, told(ben, 'sent'), told(cy, 'sent')]);
  const VIDEO = 'https://video.example.org/b';
  const recordingSent = (s: Signup, url: string) => record(`recording:${s.email}`, 'recording', s.email, 'sent', { detail: { signup: signupId(s), recording: url } });
  it.each([
    { name: 'a day before: nothing', now: '2019-12-03T11:59:00Z', more: {}, journal: everyoneTold, owed: [] },
    { name: 'the 24h reminder to the seated', now: '2019-12-03T12:00:00Z', more: {}, journal: everyoneTold, owed: [['circle remind budgets', { reminder: 1 }]] },
    { name: 'reminders: [] sends none', now: '2019-12-03T12:00:00Z', more: { reminders: [] }, journal: everyoneTold, owed: [] },
    { name: 'over, without recording_url: nothing', now: '2019-12-04T13:15:00Z', more: {}, journal: everyoneTold, owed: [] },
    { name: 'running, with recording_url: nothing yet', now: '2019-12-04T13:14:00Z', more: { recording_url: VIDEO }, journal: everyoneTold, owed: [] },
    { name: 'over, with recording_url: to all not cancelled', now: '2019-12-04T13:15:00Z', more: { recording_url: VIDEO }, journal: everyoneTold, owed: [['circle followup budgets', { recording: 3 }]] },
    { name: 'over, one sent it already', now: '2019-12-05T00:00:00Z', more: { recording_url: VIDEO }, journal: new Map([...everyoneTold, recordingSent(ana, VIDEO)]), owed: [['circle followup budgets', { recording: 2 }]] },
    {
      name: 'recording_url changed: the correction',
      now: '2019-12-05T00:00:00Z',
      more: { recording_url: VIDEO },
      journal: new Map([...everyoneTold, recordingSent(ana, 'https://video.example.org/old')]),
      owed: [['circle followup budgets', { 'recording-correction': 1, recording: 2 }]],
    },
    { name: 'cancelled, with recording_url: nothing', now: '2019-12-05T00:00:00Z', more: { recording_url: VIDEO }, status: 'cancelled', journal: everyoneTold, owed: [] },
  ])('$name', ({ now, more, status, journal, owed }) => {
    const result = circleMail({ resolved: circleOf(status, more), roster, journal, sequence: 0, now: DateTime.fromISO(now) });
    if (!result.ok) throw new Error(result.failure.message);
    // The waitlist and invitation mail is the table above.
    expect(result.value.owed.filter((o) => /^circle (remind|followup) /.test(o.command)).map((o) => [o.command, o.kinds])).toEqual(owed);
  });
});

describe('the next reminder', () => {
  it.each([
    { name: 'a week before: the 24h one', now: '2019-11-27T12:00:00Z', more: {}, confirmed: 1, next: ['2019-12-03T12:00:00.000Z', '24h', 'Tuesday 3 December 2019, 12:00 GMT'] },
    { name: 'the 24h one is due: the 1h one comes next', now: '2019-12-03T12:00:00Z', more: { reminders: ['24h', '1h'] }, confirmed: 1, next: ['2019-12-04T11:00:00.000Z', '1h', 'Wednesday 4 December 2019, 11:00 GMT'] },
    { name: 'one and a half hours', now: '2019-11-01T00:00:00Z', more: { reminders: ['90m'] }, confirmed: 1, next: ['2019-12-04T10:30:00.000Z', '1h30m', 'Wednesday 4 December 2019, 10:30 GMT'] },
    { name: 'the last one is due: none to come', now: '2019-12-04T11:30:00Z', more: { reminders: ['24h', '1h'] }, confirmed: 1, next: null },
    { name: 'nobody seated', now: '2019-11-27T12:00:00Z', more: {}, confirmed: 0, next: null },
    { name: 'reminders: []', now: '2019-11-27T12:00:00Z', more: { reminders: [] }, confirmed: 1, next: null },
    { name: 'cancelled', now: '2019-11-27T12:00:00Z', more: {}, status: 'cancelled', confirmed: 1, next: null },
  ])('$name', ({ now, more, status, confirmed, next }) => {
    const found = nextReminder(circleOf(status, more), confirmed, DateTime.fromISO(now));
    expect(found && [DateTime.fromISO(found.at).toUTC().toISO(), found.before, found.when]).toEqual(next);
  });

  it('says the time in the circle zone and in UTC', () => {
    const bogota = IANAZone.create('America/Bogota');
    expect(nextReminder(circleOf('scheduled', {}, bogota), 1, DateTime.fromISO('2019-11-01T00:00:00Z'))?.when).toBe('Tuesday 3 December 2019, 07:00 America/Bogota (12:00 UTC)');
  });
});

describe('seat offers', () => {
  const offered = (s: Signup, expires: string): Signup => ({ ...s, status: 'offered', offerExpires: expires });
  const signups = [offered(ana, '2019-12-02T18:00:00.000Z'), offered(ben, '2019-12-02T09:00:00.000Z'), cy];
  it.each([
    { name: 'both open, soonest first', now: '2019-12-02T08:00:00Z', offers: [['ben@example.org', false], ['ana@example.org', false]] },
    { name: 'at its deadline, one has expired', now: '2019-12-02T09:00:00Z', offers: [['ben@example.org', true], ['ana@example.org', false]] },
    { name: 'both expired', now: '2019-12-03T00:00:00Z', offers: [['ben@example.org', true], ['ana@example.org', true]] },
  ])('$name', ({ now, offers }) => {
    expect(offersIn(circleOf(), signups, DateTime.fromISO(now)).map((o) => [o.email, o.expired])).toEqual(offers);
  });

  it('names the person in full, with the deadline in the circle zone and UTC', () => {
    expect(offersIn(circleOf('scheduled', {}, IANAZone.create('America/Bogota')), signups, DateTime.fromISO('2019-12-01T00:00:00Z'))[0]).toEqual({
      email: 'ben@example.org',
      name: 'Ben',
      expires: '2019-12-02T09:00:00.000Z',
      when: 'Monday 2 December 2019, 04:00 America/Bogota (09:00 UTC)',
      expired: false,
    });
  });
});

describe('which circles over get their follow-up from circle run', () => {
  const over = (id: string, more: Record<string, unknown>, status = 'scheduled') => ({ ...circleOf(status, { id, ...more }) }) as ResolvedCircle;
  it.each([
    { name: 'none over', ended: [], ready: [], reason: undefined },
    { name: 'with recording_url', ended: [over('a', { recording_url: 'https://video.example.org/a' })], ready: ['a'], reason: undefined },
    { name: 'cancelled, with recording_url', ended: [over('a', { recording_url: 'https://video.example.org/a' }, 'cancelled')], ready: [], reason: undefined },
    {
      name: 'one without',
      ended: [over('a', {}), over('b', { recording_url: 'https://video.example.org/b' })],
      ready: ['b'],
      reason: '1 circle over has no recording_url (a): set recording_url in a circle file once its recording is up, and the next run sends it',
    },
    {
      name: 'many without: the first five named',
      ended: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => over(id, {})),
      ready: [],
      reason: '7 circles over have no recording_url (a, b, c, d, e and 2 more): set recording_url in a circle file once its recording is up, and the next run sends it',
    },
  ])('$name', ({ ended, ready, reason }) => {
    const found = followupCircles(ended);
    expect(found.ready).toEqual(ready);
    expect(withoutRecordingReason(found.without)).toBe(reason);
  });

  it.each([
    { name: 'running', now: '2019-12-04T13:14:59Z', status: 'scheduled', url: undefined },
    { name: 'over', now: '2019-12-04T13:15:00Z', status: 'scheduled', url: 'https://video.example.org/b' },
    { name: 'cancelled', now: '2019-12-05T00:00:00Z', status: 'cancelled', url: undefined },
  ])('the recording to send: $name', ({ now, status, url }) => {
    expect(followupRecording(circleOf(status, { recording_url: 'https://video.example.org/b' }), DateTime.fromISO(now))).toBe(url);
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
  const quiet = { mail: [], placeholders: [], past: { started: 'then', hint: 'h' }, problems: [], offers: [] };
  const offer = (expired: boolean) => ({ email: 'ana@example.org', name: 'Ana', expires: '2019-12-02T09:00:00.000Z', when: 'then', expired });
  const held = { kind: 'seat', state: 'failed' as const, to: 'ana@example.org', name: null, response: '550', hint: '', command: '' };
  it.each([
    { name: 'nothing, even with mail owed and the circle past but scheduled', circle: quiet, needs: false },
    { name: 'an offer open', circle: { ...quiet, offers: [offer(false)] }, needs: false },
    { name: 'an offer past its deadline, not passed on', circle: { ...quiet, offers: [offer(false), offer(true)] }, needs: true },
    { name: 'a failed message', circle: { ...quiet, mail: [held] }, needs: true },
    { name: 'a placeholder', circle: { ...quiet, placeholders: [{ file: 'f', setting: 's', message: 'm', hint: 'h' }] }, needs: true },
    { name: 'a damaged roster', circle: { ...quiet, problems: [{ message: 'm', hint: 'h' }] }, needs: true },
  ])('$name', ({ circle, needs }) => {
    expect(circleNeedsPerson(circle)).toBe(needs);
  });

  it.each([
    { name: 'no circle needs one', circles: [{ needsPerson: false }], series: 0, stale: 0, mailbox: null, needs: false },
    { name: 'a circle needs one', circles: [{ needsPerson: false }, { needsPerson: true }], series: 0, stale: 0, mailbox: null, needs: true },
    { name: 'a series placeholder', circles: [], series: 1, stale: 0, mailbox: null, needs: true },
    { name: 'a stale file', circles: [{ needsPerson: false }], series: 0, stale: 1, mailbox: null, needs: true },
    { name: 'replies waiting in the mailbox', circles: [], series: 0, stale: 0, mailbox: { problem: null }, needs: false },
    { name: 'a mailbox that cannot be read', circles: [], series: 0, stale: 0, mailbox: { problem: { message: 'm', hint: 'h' } }, needs: true },
  ])('the workspace: $name', ({ circles, series, stale, mailbox, needs }) => {
    const placeholders = Array.from({ length: series }, () => ({ file: 'f', setting: 's', message: 'm', hint: 'h' }));
    expect(workspaceNeedsPerson(circles, placeholders, Array.from({ length: stale }, () => 'invites/x.ics is out of date'), mailbox)).toBe(needs);
  });
});
