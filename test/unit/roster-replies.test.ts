import { describe, expect, it } from 'vitest';
import { rosterFindings } from '../../src/roster/checks.js';
import { editPerson } from '../../src/roster/edit.js';
import { parseRoster, parseRosterYaml } from '../../src/roster/file.js';
import { applyInbox, type InboxChange } from '../../src/roster/inbox-changes.js';
import { move } from '../../src/roster/move.js';
import { recordReply } from '../../src/roster/replies.js';
import { admit, fillSeats, type Incoming } from '../../src/roster/seats.js';
import { emptyRoster, type Roster } from '../../src/roster/types.js';
import { renderRoster } from '../../src/roster/write.js';
import { readWrittenRoster } from '../../src/roster/written.js';

const NOW = '2019-11-01T12:00:00.000Z';
const rules = (capacity: number) => ({ capacity, now: NOW, language: 'en' as const });
const row = (who: string, minute: number): Incoming => ({ name: who, email: `${who}@example.org`, signedUp: new Date(Date.UTC(2019, 9, 28, 9, minute)).toISOString(), via: 'import', file: 'a.csv', row: minute + 2 });

/** Two seats: ana and ben seated, cai and dee waiting; eve cancelled. */
function twoSeats(): Roster {
  const { roster } = admit(emptyRoster('making-a-case'), [row('ana', 1), row('ben', 2), row('cai', 3), row('dee', 4), row('eve', 5)], rules(2));
  return { ...roster, signups: roster.signups.map((s) => (s.email === 'eve@example.org' ? { ...s, status: 'cancelled' as const } : s)) };
}
const person = (roster: Roster, who: string) => roster.signups.find((s) => s.email === `${who}@example.org`);

describe('recordReply', () => {
  it.each([
    ['an answer on a seat', 'ana', 'ACCEPTED', '2019-11-02T10:00:00Z', { reply: 'accepted', replied: '2019-11-02T10:00:00.000Z' }],
    ['a tentative answer, its time made UTC', 'ben', 'TENTATIVE', '2019-11-02T10:00:00+01:00', { reply: 'tentative', replied: '2019-11-02T09:00:00.000Z' }],
    ['the address in another case', 'ANA', 'ACCEPTED', '2019-11-02T10:00:00.000Z', { reply: 'accepted', replied: '2019-11-02T10:00:00.000Z' }],
  ] as const)('%s is kept on the signup', (_, who, partstat, at, kept) => {
    const result = recordReply(twoSeats(), `${who}@example.org`, partstat, at);
    expect(result.ok && result.value.recorded).toBe(true);
    expect(result.ok && person(result.value.roster, who.toLowerCase())).toMatchObject({ status: 'confirmed', ...kept });
  });

  it.each([
    ['a waitlisted person', 'cai', 'input', 'cai@example.org is on the waitlist of making-a-case, not seated: only a seated person\'s answer to the invitation is kept'],
    ['a cancelled signup', 'eve', 'input', 'eve@example.org has already cancelled their signup for making-a-case'],
    ['someone not on the roster', 'zed', 'input', 'zed@example.org is not on the roster of making-a-case'],
  ])('refuses %s', (_, who, kind, message) => {
    expect(recordReply(twoSeats(), `${who}@example.org`, 'ACCEPTED', NOW)).toEqual({ ok: false, failure: { kind, message, hint: 'see who is: circle signups list making-a-case' } });
  });

  it('refuses a time that is not one', () => {
    const result = recordReply(twoSeats(), 'ana@example.org', 'ACCEPTED', 'yesterday');
    expect(result.ok ? undefined : result.failure).toMatchObject({ kind: 'usage', message: '"yesterday" is not a time' });
  });

  it('keeps the last answer by the time it was given, whatever order the mail is read in', () => {
    const later = recordReply(twoSeats(), 'ana@example.org', 'TENTATIVE', '2019-11-03T10:00:00.000Z');
    if (!later.ok) throw new Error('not recorded');
    for (const at of ['2019-11-02T10:00:00.000Z', '2019-11-03T10:00:00.000Z']) {
      const older = recordReply(later.value.roster, 'ana@example.org', 'ACCEPTED', at);
      expect(older.ok && older.value.recorded).toBe(false);
      expect(older.ok && older.value.roster).toBe(later.value.roster);
    }
    const newer = recordReply(later.value.roster, 'ana@example.org', 'ACCEPTED', '2019-11-04T10:00:00.000Z');
    expect(newer.ok && person(newer.value.roster, 'ana')).toMatchObject({ reply: 'accepted', replied: '2019-11-04T10:00:00.000Z' });
  });
});

const answered = (roster: Roster = twoSeats()): Roster => {
  const result = recordReply(roster, 'ana@example.org', 'ACCEPTED', '2019-11-02T10:00:00.000Z');
  if (!result.ok) throw new Error(result.failure.message);
  return result.value.roster;
};

describe('a reply is kept through other changes, and goes with a cancelled seat', () => {
  it('promotion, a correction, an import and a move of someone else keep it', () => {
    const kept = { reply: 'accepted', replied: '2019-11-02T10:00:00.000Z' };
    expect(person(fillSeats(answered(), rules(3)).roster, 'ana')).toMatchObject(kept);
    const edited = editPerson(answered(), 'ana@example.org', { name: 'Ana García' });
    expect(edited.ok && edited.value.after).toMatchObject({ name: 'Ana García', ...kept });
    expect(person(admit(answered(), [row('fay', 6)], rules(2)).roster, 'ana')).toMatchObject(kept);
    const moved = move(answered(), emptyRoster('health-outcomes'), 'ben@example.org', { from: rules(2), to: rules(2), seatLossAgreed: false });
    expect(moved.kind === 'moved' && person(moved.from, 'ana')).toMatchObject(kept);
  });

  it('a cancel or a move of the person drops it: the note says why the seat ended', () => {
    const [cancelled] = applyInbox(answered(), [{ type: 'cancel', email: 'ana@example.org', because: 'declined' }], rules(2)).outcomes;
    expect(cancelled?.kind === 'cancelled' && cancelled.signup).not.toHaveProperty('reply');
    const moved = move(answered(), emptyRoster('health-outcomes'), 'ana@example.org', { from: rules(2), to: rules(2), seatLossAgreed: false });
    expect(moved.kind === 'moved' && [moved.left, moved.joined].map((s) => [s.reply, s.replied])).toEqual([[undefined, undefined], [undefined, undefined]]);
  });
});

describe('applyInbox: the inbox\'s changes to one roster, in order', () => {
  const summary = (roster: Roster, changes: InboxChange[]) => {
    const applied = applyInbox(roster, changes, rules(2));
    return {
      outcomes: applied.outcomes.map((o) => (o.kind === 'unchanged' ? `${o.reason}: ${o.detail}` : o.kind === 'cancelled' ? `cancelled ${o.signup.email} (was ${o.was}, note "${o.signup.note}"), promoted ${o.promoted.map((s) => s.email).join(' ') || 'nobody'}` : `recorded ${o.signup.email} ${o.signup.reply}`)),
      owed: applied.owedSeatMail.map((s) => s.email),
      statuses: applied.roster.signups.map((s) => `${s.email.split('@')[0]}:${s.status}${s.seatEmailOwed ? ':owed' : ''}`),
    };
  };
  const ana = { email: 'ana@example.org' };

  it.each<[string, InboxChange[], ReturnType<typeof summary>['outcomes'], string[]]>([
    ['a decline frees the seat for the first person waiting', [{ type: 'cancel', ...ana, because: 'declined' }], ['cancelled ana@example.org (was confirmed, note "declined the calendar invitation"), promoted cai@example.org'], ['cai@example.org']],
    ['leaving the waitlist by the link promotes nobody', [{ type: 'cancel', email: 'dee@example.org', because: 'leave-link' }], ['cancelled dee@example.org (was waitlisted, note "left by the link in a mail"), promoted nobody'], []],
    ['an accept, then a decline', [{ type: 'record', ...ana, partstat: 'ACCEPTED', at: NOW }, { type: 'cancel', ...ana, because: 'declined' }], ['recorded ana@example.org accepted', 'cancelled ana@example.org (was confirmed, note "declined the calendar invitation"), promoted cai@example.org'], ['cai@example.org']],
    ['a decline twice: the second changes nothing', [{ type: 'cancel', ...ana, because: 'declined' }, { type: 'cancel', ...ana, because: 'declined' }], ['cancelled ana@example.org (was confirmed, note "declined the calendar invitation"), promoted cai@example.org', 'already-cancelled: ana@example.org has already cancelled their signup for making-a-case'], ['cai@example.org']],
    ['the promoted person leaves at once: owed nothing', [{ type: 'cancel', ...ana, because: 'declined' }, { type: 'cancel', email: 'cai@example.org', because: 'leave-link' }], ['cancelled ana@example.org (was confirmed, note "declined the calendar invitation"), promoted cai@example.org', 'cancelled cai@example.org (was confirmed, note "left by the link in a mail"), promoted dee@example.org'], ['dee@example.org']],
    ['an accept from the waitlist', [{ type: 'record', email: 'cai@example.org', partstat: 'ACCEPTED', at: NOW }], ['not-seated: cai@example.org is on the waitlist of making-a-case, not seated: only a seated person\'s answer to the invitation is kept'], []],
    ['someone not on the roster', [{ type: 'cancel', email: 'zed@example.org', because: 'declined' }], ['not-on-roster: zed@example.org is not on the roster of making-a-case'], []],
    ['a message about an earlier signup of the person', [{ type: 'cancel', ...ana, signedUp: '2019-10-01T00:00:00.000Z', because: 'declined' }], ['signed-up-again: ana@example.org is on making-a-case by a signup of 2019-10-28T09:01:00.000Z, not the one of 2019-10-01T00:00:00.000Z the message is about'], []],
    ['an older answer read after a newer one', [{ type: 'record', ...ana, partstat: 'TENTATIVE', at: '2019-11-03T00:00:00.000Z' }, { type: 'record', ...ana, partstat: 'ACCEPTED', at: '2019-11-02T00:00:00.000Z' }], ['recorded ana@example.org tentative', 'later-reply-kept: ana@example.org answered later (tentative at 2019-11-03T00:00:00.000Z): that answer is kept'], []],
  ])('%s', (_, changes, outcomes, owed) => {
    const result = summary(twoSeats(), changes);
    expect(result.outcomes).toEqual(outcomes);
    expect(result.owed).toEqual(owed);
  });

  it('a matching signedUp is acted on', () => {
    const result = summary(twoSeats(), [{ type: 'cancel', ...ana, signedUp: '2019-10-28T09:01:00.000Z', because: 'declined' }]);
    expect(result.statuses).toEqual(['ana:cancelled', 'ben:confirmed', 'cai:confirmed:owed', 'dee:waitlisted', 'eve:cancelled']);
  });

  it('leaves the roster object as it was when nothing changes', () => {
    const roster = twoSeats();
    expect(applyInbox(roster, [{ type: 'cancel', email: 'zed@example.org', because: 'declined' }], rules(2)).roster).toBe(roster);
  });
});

describe('replies in the roster file', () => {
  const text = renderRoster(answered());

  it('are written after seat_email_owed and read back by the fast reader and the full reader alike', () => {
    expect(text).toContain('    status_changed: 2019-11-01T12:00:00.000Z\n    reply: accepted\n    replied: 2019-11-02T10:00:00.000Z\n');
    const fast = readWrittenRoster(text);
    expect(fast).toBeDefined();
    const full = parseRosterYaml(Buffer.from(text));
    expect(full.findings).toEqual([]);
    expect(JSON.stringify(fast)).toBe(JSON.stringify(full.roster));
    expect(person(fast as Roster, 'ana')).toMatchObject({ reply: 'accepted', replied: '2019-11-02T10:00:00.000Z' });
  });

  it.each([
    ['a reply without its time', (t: string) => t.replace('    replied: 2019-11-02T10:00:00.000Z\n', ''), '"signups[0].reply": is set without replied: give both or neither'],
    ['a time without its reply', (t: string) => t.replace('    reply: accepted\n', ''), '"signups[0].replied": is set without reply: give both or neither'],
    ['an answer that is not kept', (t: string) => t.replace('reply: accepted', 'reply: declined'), '"signups[0].reply" must be one of "accepted", "tentative", not "declined"'],
    ['a time that is not one', (t: string) => t.replace('replied: 2019-11-02T10:00:00.000Z', 'replied: 2019-11-31T10:00:00.000Z'), '"signups[0].replied": 2019-11-31T10:00:00.000Z is not a real date and time: the month has no such day, or the hour or minute is out of range'],
  ])('a hand edit with %s is an error the full reader places', (_, edit, message) => {
    const edited = edit(text);
    expect(readWrittenRoster(edited)).toBeUndefined();
    const parsed = parseRoster(Buffer.from(edited));
    expect(parsed.roster).toBeUndefined();
    expect(parsed.findings.map((f) => f.message)).toEqual([message]);
  });

  it('a hand edit in another form is read as the full reader reads it', () => {
    const edited = text.replace('replied: 2019-11-02T10:00:00.000Z', 'replied: 2019-11-02T11:00:00+01:00');
    expect(person(parseRoster(Buffer.from(edited)).roster as Roster, 'ana')).toMatchObject({ reply: 'accepted', replied: '2019-11-02T10:00:00.000Z' });
  });

  it('validate warns of an answer kept on a signup without a seat', () => {
    const roster = answered();
    const waiting: Roster = { ...roster, signups: roster.signups.map((s) => (s.email === 'ana@example.org' ? { ...s, status: 'waitlisted' as const } : s)) };
    expect(rosterFindings(waiting, 'making-a-case', 3).filter((f) => f.path.includes('reply'))).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['signups', 0, 'reply'], message: 'only a seated person has an answer to the invitation kept', hint: 'remove reply and replied, or set status: confirmed' }),
    ]);
  });
});
