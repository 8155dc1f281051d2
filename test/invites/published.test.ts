import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { deriveUid, eventFingerprint, reconcile, type PublishedState } from '../../src/invites/published.js';
import type { CircleInput } from '../../src/model/schema.js';
import { makeCircle, SERIES } from './fixtures.js';

const first = DateTime.fromISO('2019-10-01T09:00:00.750Z', { zone: 'utc' });
const later = DateTime.fromISO('2019-10-20T16:45:10Z', { zone: 'utc' });
const ids = (...list: string[]) => new Set(list);

function publishedOnce(overrides: Partial<CircleInput> = {}): PublishedState {
  return reconcile({}, [makeCircle(overrides)], ids('making-a-case'), first).state;
}

describe('UID', () => {
  it('comes from the circle id and the series UID domain only', () => {
    expect(deriveUid('making-a-case', 'circles.example.org')).toBe('making-a-case@circles.example.org');
    const { publications } = reconcile({}, [makeCircle({ organizer: { name: 'Someone', email: 'someone@example.org' } })], ids('making-a-case'), first);
    expect(publications.get('making-a-case')?.uid).toBe('making-a-case@circles.example.org');
  });

  it('is kept when the series UID domain or the organizer changes later', () => {
    const state = publishedOnce();
    const series = { ...SERIES, uid_domain: 'elsewhere.example.org' };
    const again = reconcile(state, [makeCircle({ organizer: { name: 'New', email: 'new@example.org' } }, series)], ids('making-a-case'), later);
    expect(again.publications.get('making-a-case')).toMatchObject({ uid: 'making-a-case@circles.example.org', sequence: 0, change: 'unchanged' });
  });

  it('follows a renamed circle (same series and number, old id gone) and is not reused by a new circle with the old id', () => {
    const state = publishedOnce();
    const renamed = reconcile(state, [makeCircle({ id: 'the-case-for-open-contracting' })], ids('the-case-for-open-contracting'), later);
    expect(renamed.publications.get('the-case-for-open-contracting')).toEqual({
      uid: 'making-a-case@circles.example.org',
      sequence: 0,
      stamp: Date.parse('2019-10-01T09:00:00Z'),
      change: 'unchanged',
      renamedFrom: 'making-a-case',
    });
    expect(Object.keys(renamed.state)).toEqual(['the-case-for-open-contracting']);
    expect(renamed.orphans).toEqual([]);

    const reused = reconcile(renamed.state, [makeCircle({ id: 'making-a-case', number: 5 })], ids('the-case-for-open-contracting', 'making-a-case'), later);
    expect(reused.publications.get('making-a-case')?.uid).toBe('making-a-case-2@circles.example.org');
  });

  it('does not treat a new circle as a rename while the published one still exists', () => {
    const state = publishedOnce();
    const other = reconcile(state, [makeCircle({ id: 'other', number: 1, series: 'lift' })], ids('making-a-case', 'other'), later);
    expect(other.publications.get('other')).toMatchObject({ uid: 'other@circles.example.org', change: 'new' });
  });

  it('reports published circles whose file is gone', () => {
    const state = publishedOnce();
    expect(reconcile(state, [], ids(), later).orphans).toEqual(['making-a-case']);
  });
});

describe('SEQUENCE and DTSTAMP', () => {
  it('start at 0 with the time of publication, to the second', () => {
    const { state, publications } = reconcile({}, [makeCircle()], ids('making-a-case'), first);
    expect(publications.get('making-a-case')).toEqual({ uid: 'making-a-case@circles.example.org', sequence: 0, stamp: Date.parse('2019-10-01T09:00:00Z'), change: 'new' });
    expect(state['making-a-case']).toEqual({
      uid: 'making-a-case@circles.example.org',
      sequence: 0,
      fingerprint: eventFingerprint(makeCircle()),
      published: '2019-10-01T09:00:00Z',
      series: 'lift',
      number: 1,
    });
  });

  it.each<[string, Partial<CircleInput>]>([
    ['start', { start: '2019-11-06T09:00', end: '10:15' }],
    ['duration', { end: '10:00' }],
    ['duration given instead of end', { end: undefined, duration: '2h' }],
    ['date', { start: '2019-11-07T08:30' }],
    ['zone (same wall clock, another instant)', { timezone: 'America/Bogota' }],
    ['platform', { platform: 'Jitsi' }],
    ['platform removed', { platform: undefined }],
    ['meeting link', { meeting_url: 'https://meet.example.org/lift-1-new' }],
    ['status', { status: 'cancelled' }],
  ])('go up by one, with a new DTSTAMP, when the %s changed', (_, edit) => {
    const next = reconcile(publishedOnce(), [makeCircle(edit)], ids('making-a-case'), later);
    expect(next.publications.get('making-a-case')).toEqual({ uid: 'making-a-case@circles.example.org', sequence: 1, stamp: Date.parse('2019-10-20T16:45:10Z'), change: 'changed' });
    expect(next.state['making-a-case']).toMatchObject({ sequence: 1, published: '2019-10-20T16:45:10Z' });
  });

  it.each<[string, Partial<CircleInput>]>([
    ['nothing', {}],
    ['summary', { summary: 'A new summary, longer and better.' }],
    ['title', { title: 'The case for open contracting' }],
    ['topics', { topics: ['Something else'] }],
    ['host', { host: { name: 'Someone Else' } }],
    ['sign-up link', { signup_url: 'https://forms.example.org/other' }],
    ['reminder', { reminder: '15m' }],
    ['zone, same instant', { timezone: 'Europe/London' }],
    ['end written as a duration', { end: undefined, duration: '75m' }],
  ])('stay when the %s changed', (_, edit) => {
    const next = reconcile(publishedOnce(), [makeCircle(edit)], ids('making-a-case'), later);
    expect(next.publications.get('making-a-case')).toMatchObject({ sequence: 0, stamp: Date.parse('2019-10-01T09:00:00Z'), change: 'unchanged' });
    expect(next.state).toEqual(publishedOnce());
  });

  it('count every published change: a move then a cancellation is SEQUENCE 2', () => {
    const moved = reconcile(publishedOnce(), [makeCircle({ start: '2019-11-08T08:30' })], ids('making-a-case'), later);
    const cancelled = reconcile(moved.state, [makeCircle({ start: '2019-11-08T08:30', status: 'cancelled' })], ids('making-a-case'), later.plus({ days: 1 }));
    expect(cancelled.publications.get('making-a-case')).toMatchObject({ sequence: 2, change: 'changed' });
  });
});
