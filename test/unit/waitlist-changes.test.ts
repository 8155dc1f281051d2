import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalState } from '../../src/mail/journal.js';
import { invitationMessages, signupId, type Said } from '../../src/mail/messages.js';
import type { Roster } from '../../src/roster/types.js';
import { signupAt } from '../helpers/roster.js';

/* When the waitlist hears of a change of the circle: only when what they were told no longer holds (issue 11). */

const cy = signupAt('cy@example.org', 3, 'waitlisted');
const roster: Roster = { circle: 'c', lastImport: 1, signups: [cy], removed: [] };
const told: Said = { start: '2019-12-04T12:00:00.000Z', end: '2019-12-04T13:15:00.000Z', platform: '' };
const now = (said: Said, sequence = 1) => ({ cancelled: false, sequence, language: 'en' as const, said: { ...said, link: 'https://meet.example.org/new' } });

function record(kind: string, sequence: number, said: Said | undefined, at: string): [string, JournalRecord] {
  const key = `${kind}:${signupId(cy)}${kind === 'waitlisted' ? '' : `:${sequence}`}`;
  return [key, { key, kind, to: cy.email, state: 'sent', at, detail: { signup: signupId(cy), sequence, ...said } }];
}

describe('a waitlisted person told their place at SEQUENCE 0, the circle now at 1', () => {
  it.each([
    { name: 'a new time', said: { ...told, start: '2019-12-05T12:00:00.000Z' }, update: true },
    { name: 'a new end', said: { ...told, end: '2019-12-04T14:00:00.000Z' }, update: true },
    { name: 'a new platform', said: { ...told, platform: 'Jitsi' }, update: true },
    { name: 'a new meeting link only', said: told, update: false },
    { name: 'the same instants written otherwise', said: { ...told, start: '2019-12-04T13:00:00.000+01:00' }, update: false },
  ])('$name: told again $update', ({ said, update }) => {
    const journal: JournalState = new Map([record('waitlisted', 0, told, '2019-11-01T00:00:00.000Z')]);
    expect(invitationMessages(roster, journal, now(said)).map((m) => m.kind)).toEqual(update ? ['waitlisted-update'] : []);
  });

  it('told nothing of the details (a journal from before they were kept): told again', () => {
    const journal: JournalState = new Map([record('waitlisted', 0, undefined, '2019-11-01T00:00:00.000Z')]);
    expect(invitationMessages(roster, journal, now(told)).map((m) => m.kind)).toEqual(['waitlisted-update']);
  });

  it('told since that the circle was cancelled, now on again with the same details: told once', () => {
    const journal: JournalState = new Map([record('waitlisted', 0, told, '2019-11-01T00:00:00.000Z'), record('waitlisted-cancelled', 1, undefined, '2019-11-02T00:00:00.000Z')]);
    expect(invitationMessages(roster, journal, now(told, 2)).map((m) => m.kind)).toEqual(['waitlisted-update']);
    const after = new Map([...journal, record('waitlisted-update', 2, told, '2019-11-03T00:00:00.000Z')]);
    expect(invitationMessages(roster, after, now(told, 2))).toEqual([]);
  });
});
