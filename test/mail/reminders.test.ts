import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { JournalState } from '../../src/mail/journal.js';
import { planDelivery } from '../../src/mail/plan.js';
import { dueReminder, reminderMessages, type ReminderCircle } from '../../src/mail/reminders.js';
import type { Roster, Signup, Status } from '../../src/roster/types.js';

/* Which reminders are due: by the clock, to confirmed people only, the latest one only, once. */

const start = DateTime.fromISO('2019-12-04T12:00:00Z', { zone: 'utc' });
const now = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const person = (email: string, minute: number, status: Status): Signup => ({
  email,
  language: 'en',
  signedUp: `2019-10-28T09:${String(minute).padStart(2, '0')}:00.000Z`,
  source: { via: 'import', import: 1 },
  status,
  statusChanged: '2019-10-29T00:00:00.000Z',
});
const roster: Roster = {
  circle: 'c',
  lastImport: 1,
  signups: [person('ana@example.org', 1, 'confirmed'), person('ben@example.org', 2, 'cancelled'), person('cy@example.org', 3, 'waitlisted'), person('di@example.org', 4, 'confirmed')],
  removed: [],
};
const circle = (minutes: number[], cancelled = false): ReminderCircle => ({ cancelled, start, minutes, said: { start: '2019-12-04T12:00:00.000Z', link: 'https://meet.example.org/c' } });
const sent = (...keys: string[]): JournalState => new Map(keys.map((key) => [key, { key, kind: 'reminder', to: '', state: 'sent' as const, at: '2019-12-03T12:00:00.000Z' }]));
const key = (email: string, minute: number, reminder: string) => `reminder:${email} 2019-10-28T09:0${minute}:00.000Z:${reminder}:2019-12-04T12:00:00.000Z`;

describe('the reminder due', () => {
  it.each([
    ['three days before', [1440], '2019-12-01T12:00Z', undefined],
    ['a minute before the 24 h reminder', [1440], '2019-12-03T11:59Z', undefined],
    ['at 24 h before', [1440], '2019-12-03T12:00Z', 1440],
    ['between 24 h and 1 h', [1440, 60], '2019-12-04T06:00Z', 1440],
    ['late, with both come: the 1 h one only', [1440, 60], '2019-12-04T11:30Z', 60],
    ['in any order given', [60, 1440], '2019-12-04T11:30Z', 60],
    ['at the start', [1440, 60], '2019-12-04T12:00Z', undefined],
    ['after the start', [1440], '2019-12-04T12:30Z', undefined],
    ['none asked for', [], '2019-12-04T11:30Z', undefined],
  ])('%s', (_, minutes, at, due) => {
    expect(dueReminder(minutes, start, now(at))).toBe(due);
  });
});

describe('reminder messages', () => {
  const planned = (c: ReminderCircle, at: string, journal: JournalState = new Map()) => planDelivery(reminderMessages(roster, c, now(at)), journal).send.map((m) => m.key);

  it.each([
    ['due: each confirmed person, not the cancelled or waitlisted', circle([1440]), '2019-12-03T13:00Z', sent(), [key('ana@example.org', 1, 'PT24H'), key('di@example.org', 4, 'PT24H')]],
    ['sent already: nothing', circle([1440]), '2019-12-03T18:00Z', sent(key('ana@example.org', 1, 'PT24H'), key('di@example.org', 4, 'PT24H')), []],
    ['one sent, one not: the other', circle([1440]), '2019-12-03T18:00Z', sent(key('ana@example.org', 1, 'PT24H')), [key('di@example.org', 4, 'PT24H')]],
    ['the 1 h one after the 24 h one', circle([1440, 60]), '2019-12-04T11:00Z', sent(key('ana@example.org', 1, 'PT24H'), key('di@example.org', 4, 'PT24H')), [key('ana@example.org', 1, 'PT1H'), key('di@example.org', 4, 'PT1H')]],
    ['a circle cancelled: none', circle([1440], true), '2019-12-03T13:00Z', sent(), []],
    ['after the start: none', circle([1440]), '2019-12-04T12:01Z', sent(), []],
  ])('%s', (_, c, at, journal, keys) => {
    expect(planned(c, at, journal)).toEqual(keys);
  });

  it('says the link and the start it reminds of, journaled with it', () => {
    const [first] = reminderMessages(roster, circle([90]), now('2019-12-04T11:00Z'));
    expect(first).toMatchObject({ kind: 'reminder', key: key('ana@example.org', 1, 'PT1H30M'), said: { start: '2019-12-04T12:00:00.000Z', link: 'https://meet.example.org/c' } });
  });
});
