import { describe, expect, it } from 'vitest';
import type { Classified } from '../../src/inbox/classify.js';
import { decide, type InboxMessage, type Workspace } from '../../src/inbox/decide.js';
import { findMailToken, mailLink, mailToken, verifyMailToken } from '../../src/inbox/leave-token.js';
import { applyInbox } from '../../src/roster/inbox-changes.js';
import { claimDecision } from '../../src/roster/replies.js';
import type { Roster, Signup } from '../../src/roster/types.js';
import { signupAt } from '../helpers/roster.js';

/* Claiming a timed seat offer: the token, when a claim is in time, what decide() makes of each claim, and what it does to a roster. */

const SECRET = 'a workspace secret for tests only';
const UID = 'making-a-case@circles.example.org';
const EXPIRES = '2019-11-30T23:00:00.000Z';
const NOW = '2019-11-30T12:00:00.000Z';

const made = (purpose: 'leave' | 'claim', circle: string, email: string) => {
  const token = mailToken(SECRET, purpose, circle, email);
  if (!token.ok) throw new Error(token.failure.message);
  return token.value;
};

describe('claim tokens', () => {
  const ana = made('claim', 'making-a-case', 'ana@example.org');

  it('names the circle and the purpose, and neither the address nor the secret', () => {
    expect(ana).toMatch(/^claim\.making-a-case\.[A-Za-z0-9_-]{22}$/);
    expect(ana).not.toContain('ana');
  });

  it.each([
    ['the same signup, the address in another case', 'claim', 'making-a-case', 'ANA@example.org', true],
    ['another person', 'claim', 'making-a-case', 'bo@example.org', false],
    ['another circle', 'claim', 'open-data', 'ana@example.org', false],
    ['the leave purpose', 'leave', 'making-a-case', 'ana@example.org', false],
  ] as const)('round-trips through a subject, verified for %s: %s', (_, purpose, circle, email, expected) => {
    const found = findMailToken(`Re: Claim ${ana}`, 'claim')!;
    expect(found).toEqual({ circle: 'making-a-case', mac: ana.slice(-22) });
    expect(verifyMailToken(SECRET, purpose, found, circle, email)).toBe(expected);
  });

  it.each([
    ['one character of the mac changed', `${ana.slice(0, -1)}${ana.endsWith('A') ? 'B' : 'A'}`],
    ['another secret', made('claim', 'making-a-case', 'ana@example.org')],
  ])('does not verify with %s', (name, token) => {
    const secret = name === 'another secret' ? 'another secret' : SECRET;
    expect(verifyMailToken(secret, 'claim', findMailToken(token, 'claim')!, 'making-a-case', 'ana@example.org')).toBe(false);
  });

  it('is not found as a leave token, nor a leave token as a claim', () => {
    expect(findMailToken(`Claim ${ana}`, 'leave')).toBeUndefined();
    expect(findMailToken(`Leave ${made('leave', 'making-a-case', 'ana@example.org')}`, 'claim')).toBeUndefined();
  });

  it('makes a mailto link whose subject is the token', () => {
    const link = mailLink(SECRET, 'claim', 'circles@example.org', 'making-a-case', 'ana@example.org');
    expect(link.ok && link.value.mailto).toBe(`mailto:circles@example.org?subject=Claim%20${ana}`);
    expect(mailToken('', 'claim', 'making-a-case', 'ana@example.org')).toMatchObject({ ok: false, failure: { message: 'CIRCLE_SECRET is not set: claim links need a workspace secret' } });
  });
});

describe('a claim is in time', () => {
  it.each([
    ['written before the deadline, read before it', '2019-11-30T10:00:00.000Z', NOW, { confirm: true, at: '2019-11-30T10:00:00.000Z' }],
    ['written before the deadline, read after it', '2019-11-30T22:59:59.000Z', '2019-12-01T08:00:00.000Z', { confirm: true, at: '2019-11-30T22:59:59.000Z' }],
    ['written at the deadline', EXPIRES, '2019-12-01T08:00:00.000Z', { confirm: false, at: EXPIRES, expires: EXPIRES }],
    ['written after it', '2019-12-01T07:00:00.000Z', '2019-12-01T08:00:00.000Z', { confirm: false, at: '2019-12-01T07:00:00.000Z', expires: EXPIRES }],
    ['dated in the future, read before the deadline: counts when read', '2020-01-01T00:00:00.000Z', NOW, { confirm: true, at: NOW }],
    ['dated in the future, read after the deadline', '2020-01-01T00:00:00.000Z', '2019-12-01T08:00:00.000Z', { confirm: false, at: '2019-12-01T08:00:00.000Z', expires: EXPIRES }],
    ['with no date, read before the deadline', undefined, NOW, { confirm: true, at: NOW }],
    ['with no date, read after it', undefined, '2019-12-01T08:00:00.000Z', { confirm: false, at: '2019-12-01T08:00:00.000Z', expires: EXPIRES }],
  ])('%s', (_, written, now, expected) => {
    expect(claimDecision(EXPIRES, written, now)).toEqual(expected);
  });
});

const offered = (email: string, minute: number): Signup => signupAt(email, minute, 'offered', { offerExpires: EXPIRES, seatEmailOwed: false });
const ROSTER: Roster = {
  circle: 'making-a-case',
  lastImport: 1,
  removed: [],
  signups: [signupAt('ana@example.org', 0, 'confirmed'), offered('ofe@example.org', 1), signupAt('wes@example.org', 2, 'waitlisted'), signupAt('cal@example.org', 3, 'cancelled', { note: 'seat offer lapsed' })],
};

describe('what decide() makes of a claim', () => {
  const workspace: Workspace = {
    circles: [{ id: 'making-a-case', uid: UID, sequence: 2, cancelled: false }],
    rosters: new Map([['making-a-case', ROSTER]]),
    invited: new Map([['making-a-case', new Set(['ana@example.org', 'ofe@example.org', 'cal@example.org'])]]),
    sent: [],
    handled: new Set(),
    secret: SECRET,
  };
  let n = 0;
  const message = (fields: Partial<Classified> & Pick<Classified, 'kind'>, from: string): InboxMessage => ({
    source: `m${++n}`,
    message: { messageId: `<m${n}@example.org>`, from: { address: from }, subject: 'a subject', ...fields } as Classified,
  });
  const claim = (email: string, token = made('claim', 'making-a-case', email)) => message({ kind: 'claim', token: findMailToken(token, 'claim')! }, email);
  const answer = (email: string, partstat: string, sequence = 2) => message({ kind: 'calendar-reply', reply: { uid: UID, sequence, attendee: email, partstat } }, email);
  const gist = (m: InboxMessage, space = workspace) =>
    decide([m], space).map((a) => (a.type === 'claim' ? `claim ${a.signup.email} (${a.by})` : a.type === 'list' ? `list ${a.reason}: ${a.detail}` : a.type === 'ignore' ? `ignore ${a.reason}` : a.type === 'cancel' ? `cancel ${a.signup.email} (${a.because})` : a.type));

  it.each([
    ['an offered person accepts the invitation', answer('ofe@example.org', 'ACCEPTED'), 'claim ofe@example.org (calendar)'],
    ['an offered person uses the claim link', claim('ofe@example.org'), 'claim ofe@example.org (claim-link)'],
    ['an offered person declines', answer('ofe@example.org', 'DECLINED'), 'cancel ofe@example.org (declined)'],
    ['an offered person answers tentative', answer('ofe@example.org', 'TENTATIVE'), 'list other-answer: ofe <ofe@example.org> answered TENTATIVE to the seat offered in making-a-case: only an acceptance claims it'],
    ['an offered person accepts an older version', answer('ofe@example.org', 'ACCEPTED', 1), 'list other-sequence: ofe <ofe@example.org> answered ACCEPTED to version 1 of the invitation for making-a-case; the current one is 2'],
    ['a waitlisted person claims', claim('wes@example.org'), 'list not-offered: wes <wes@example.org> claimed a seat in making-a-case by the link in a mail, but is waitlisted, not offered a seat'],
    ['a cancelled person claims', claim('cal@example.org'), 'list not-offered: cal <cal@example.org> claimed a seat in making-a-case by the link in a mail, but their signup is cancelled'],
    ['a cancelled person accepts', answer('cal@example.org', 'ACCEPTED'), 'list cancelled-seat: cal <cal@example.org> answered ACCEPTED for making-a-case, but their signup is cancelled'],
    ['a confirmed person claims again', claim('ana@example.org'), 'ignore already-confirmed'],
    ['a token made for someone not on the roster', claim('ofe@example.org', made('claim', 'making-a-case', 'zed@example.org')), 'list invalid-token: a seat claim for making-a-case whose token fits no signup'],
    ['a leave token passed off as a claim', claim('ofe@example.org', made('leave', 'making-a-case', 'ofe@example.org').replace(/^leave/, 'claim')), 'list invalid-token: a seat claim for making-a-case whose token fits no signup'],
  ])('%s', (_, m, expected) => {
    expect(gist(m)).toEqual([expected]);
  });

  it('lists a claim for a person when CIRCLE_SECRET is not set', () => {
    const { secret: _secret, ...without } = workspace;
    expect(gist(claim('ofe@example.org'), without)).toEqual(['list no-secret: a seat claim, which cannot be checked without CIRCLE_SECRET']);
  });
});

describe('a claim applied to the roster', () => {
  const rules = { capacity: 3, now: NOW };
  const apply = (email: string, at?: string, now = NOW) => applyInbox(ROSTER, [{ type: 'claim', email, ...(at ? { at } : {}) }], { ...rules, now });

  it('confirms an offer claimed in time: no deadline, no mail owed, the acceptance recorded', () => {
    const done = apply('ofe@example.org', '2019-11-30T10:00:00.000Z');
    expect(done.outcomes).toEqual([{ kind: 'claimed', signup: expect.objectContaining({ email: 'ofe@example.org' }) }]);
    const { offerExpires, seatEmailOwed, status, statusChanged, reply, replied } = done.roster.signups[1]!;
    expect({ offerExpires, seatEmailOwed, status, statusChanged, reply, replied }).toEqual({ offerExpires: undefined, seatEmailOwed: undefined, status: 'confirmed', statusChanged: NOW, reply: 'accepted', replied: '2019-11-30T10:00:00.000Z' });
    expect(done.owedSeatMail).toEqual([]);
  });

  it.each([
    ['a claim after the deadline', 'ofe@example.org', '2019-12-01T07:00:00.000Z', '2019-12-01T08:00:00.000Z', 'offer-lapsed', 'ofe <ofe@example.org> claimed the seat offered in making-a-case at 2019-12-01T07:00:00.000Z, after the offer lapsed at 2019-11-30T23:00:00.000Z: not confirmed'],
    ['a claim by a waitlisted person', 'wes@example.org', undefined, NOW, 'not-offered', 'wes <wes@example.org> claimed a seat in making-a-case but is waitlisted, not offered a seat'],
    ['a claim by a confirmed person', 'ana@example.org', undefined, NOW, 'already-confirmed', 'ana <ana@example.org> has a seat in making-a-case already'],
  ])('changes nothing for %s', (_, email, at, now, reason, detail) => {
    const done = apply(email, at, now);
    expect(done.outcomes).toEqual([{ kind: 'unchanged', reason, detail }]);
    expect(done.roster).toBe(ROSTER);
  });
});
