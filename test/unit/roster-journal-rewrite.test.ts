import { describe, expect, it } from 'vitest';
import { eraseAddress, followAddress, liveInvitations } from '../../src/mail/journal-rewrite.js';
import type { JournalRecord, JournalState } from '../../src/mail/journal.js';

const AT = '2019-10-28T09:00:00.000Z';
const record = (key: string, to: string, extra: Partial<JournalRecord> = {}): JournalRecord => ({ key, kind: key.slice(0, key.indexOf(':')), to, state: 'sent', at: '2019-11-01T10:00:00.000Z', ...extra });
const state = (records: JournalRecord[]): JournalState => new Map(records.map((r) => [r.key, r]));

describe('followAddress: journal records follow a corrected address', () => {
  it('rewrites the key, the recipient and the signup of the person, whatever the kind of key', () => {
    const follow = followAddress('Ana@Exmaple.org', 'ana@example.org').record;
    expect(follow(record(`invitation:ana@exmaple.org ${AT}`, 'Ana@Exmaple.org', { detail: { signup: `ana@exmaple.org ${AT}`, sequence: 2 } }))).toMatchObject({
      key: `invitation:ana@example.org ${AT}`,
      to: 'ana@example.org',
      detail: { signup: `ana@example.org ${AT}`, sequence: 2 },
    });
    expect(follow(record(`cancelled:ana@exmaple.org ${AT}:3`, 'ana@exmaple.org'))?.key).toBe(`cancelled:ana@example.org ${AT}:3`);
    expect(follow(record('recording:ana@exmaple.org', 'ana@exmaple.org'))?.key).toBe('recording:ana@example.org');
  });

  it('leaves other people alone, also those whose address ends or starts like theirs', () => {
    const follow = followAddress('ana@example.org', 'ana.p@example.org').record;
    for (const other of [record(`waitlisted:diana@example.org ${AT}`, 'diana@example.org'), record(`waitlisted:ana@example.org.uk ${AT}`, 'ana@example.org.uk')]) {
      expect(follow(other)).toBe(other);
    }
  });
});

describe('eraseAddress and liveInvitations: what an erasure leaves', () => {
  it('makes the person’s records anonymous, keeping kind, state and time, and drops a torn line naming them', () => {
    const erase = eraseAddress('ANA@example.org');
    const erased = erase.record(record(`waitlisted:ana@example.org ${AT}`, 'ana@example.org', { attempt: 1, response: '250 OK ana@example.org' }));
    expect(erased).toEqual({ key: expect.stringMatching(/^erased:[0-9a-f]{64}$/), kind: 'waitlisted', to: '', state: 'sent', at: '2019-11-01T10:00:00.000Z' });
    const other = record(`waitlisted:ben@example.org ${AT}`, 'ben@example.org');
    expect(erase.record(other)).toBe(other);
    expect(erase.dropDamaged?.('{"key":"seat:ana@example.org 2019')).toBe(true);
    expect(erase.dropDamaged?.('{"key":"seat:ben@example.org 2019')).toBe(false);
  });

  it('keeps whole only the last invitation still in the calendar, until its cancellation is sent', () => {
    const invitation = record(`invitation:ana@example.org ${AT}`, 'ana@example.org', { detail: { signup: `ana@example.org ${AT}`, sequence: 0 } });
    const update = record(`update:ana@example.org ${AT}:1`, 'ana@example.org', { at: '2019-11-02T10:00:00.000Z', detail: { signup: `ana@example.org ${AT}`, sequence: 1 } });
    expect([...liveInvitations(state([invitation, update]), 'ana@example.org')]).toEqual([update.key]);
    const cancelled = record(`seat-cancelled:ana@example.org ${AT}`, 'ana@example.org', { at: '2019-11-03T10:00:00.000Z' });
    expect(liveInvitations(state([invitation, update, cancelled]), 'ana@example.org').size).toBe(0);
    const circleCancelled = record(`cancelled:ana@example.org ${AT}:2`, 'ana@example.org', { at: '2019-11-03T10:00:00.000Z' });
    expect(liveInvitations(state([invitation, circleCancelled]), 'ana@example.org').size).toBe(0);
    expect(liveInvitations(state([{ ...invitation, state: 'failed' }]), 'ana@example.org').size).toBe(0);
  });
});
