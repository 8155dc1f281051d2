import { describe, expect, it } from 'vitest';
import type { Classified } from '../../src/inbox/classify.js';
import { decide, type InboxMessage, type Workspace } from '../../src/inbox/decide.js';
import { leaveToken } from '../../src/inbox/leave-token.js';
import type { Roster, Signup, Status } from '../../src/roster/types.js';

const SECRET = 'a workspace secret for tests only';
const UID = 'making-a-case@circles.example.org';
const OLD_UID = 'old-circle@circles.example.org';

const signup = (name: string, email: string, status: Status, signedUp = '2026-10-01T09:00:00.000Z'): Signup => ({
  name,
  email,
  language: 'en',
  signedUp,
  source: { via: 'import', import: 1 },
  status,
  statusChanged: signedUp,
});
const roster = (circle: string, signups: Signup[]): Roster => ({ circle, lastImport: 1, signups, removed: [] });

const WORKSPACE: Workspace = {
  circles: [
    { id: 'making-a-case', title: 'Making a case for open contracting', uid: UID, sequence: 2, cancelled: false },
    { id: 'old-circle', uid: OLD_UID, sequence: 1, cancelled: true },
  ],
  rosters: new Map([
    [
      'making-a-case',
      roster('making-a-case', [
        signup('Ana Example', 'ana@example.org', 'confirmed'),
        signup('Bo Example', 'Bo@Example.org', 'confirmed'),
        signup('Eve Example', 'eve@example.org', 'cancelled'),
        signup('Fay Example', 'fay@example.org', 'waitlisted'),
        signup('Gil Example', 'gil@example.org', 'cancelled', '2026-09-01T09:00:00.000Z'),
        signup('Gil Example', 'gil@example.org', 'confirmed', '2026-10-02T09:00:00.000Z'),
      ]),
    ],
    ['old-circle', roster('old-circle', [signup('Ana Example', 'ana@example.org', 'confirmed')])],
  ]),
  invited: new Map([
    ['making-a-case', new Set(['ana@example.org', 'bo@example.org', 'eve@example.org', 'fay@example.org', 'gil@example.org', 'hal@example.org'])],
    ['old-circle', new Set(['ana@example.org'])],
  ]),
  sent: [
    { circle: 'making-a-case', key: 'seat:gone@example.net:1', to: 'gone@example.net', at: '2026-11-01T09:00:00.000Z', messageId: '<seat-0001@circles.example.org>' },
    { circle: 'making-a-case', key: 'waitlisted:gone@example.net:1', to: 'gone@example.net', at: '2026-10-01T09:00:00.000Z' },
    { circle: 'making-a-case', key: 'invitation:Lost@example.net:1', to: 'Lost@example.net', at: '2026-10-01T09:00:00.000Z' },
    { circle: 'making-a-case', key: 'update:lost@example.net:1', to: 'lost@example.net', at: '2026-10-20T09:00:00.000Z' },
  ],
  handled: new Set(['<done@example.org>']),
  secret: SECRET,
};

let counter = 0;
const message = (fields: Partial<Classified> & Pick<Classified, 'kind'>, from = 'ana@example.org'): InboxMessage => ({
  source: `m${++counter}`,
  message: { messageId: `<m${counter}@example.org>`, from: { address: from }, subject: 'a subject', ...fields } as Classified,
});
const reply = (attendee: string, partstat: string, options: { from?: string; sequence?: number; uid?: string; authentication?: 'dmarc=fail' } = {}) =>
  message(
    { kind: 'calendar-reply', reply: { uid: options.uid ?? UID, sequence: options.sequence ?? 2, attendee, partstat }, ...(options.authentication ? { authentication: options.authentication } : {}) },
    options.from ?? attendee,
  );
const leave = (circle: string, email: string, from = email) => {
  const made = leaveToken(SECRET, circle, email);
  if (!made.ok) throw new Error('no token');
  return message({ kind: 'leave', token: { circle: made.value.split('.')[1]!, mac: made.value.split('.')[2]! } }, from);
};
const bounce = (recipients: Array<[string, 'failed' | 'delayed']>, originalMessageId?: string) =>
  message({ kind: 'bounce', report: { recipients: recipients.map(([recipient, action]) => ({ recipient, action, status: action === 'failed' ? '5.1.1' : '4.4.1' })), ...(originalMessageId ? { originalMessageId } : {}) } }, 'MAILER-DAEMON@mx.example.org');

/** The part of each action a rule decides: its type and what it names. */
const gist = (messages: InboxMessage[], workspace = WORKSPACE) =>
  decide(messages, workspace).map((action) => {
    switch (action.type) {
      case 'record':
        return `record ${action.partstat} ${action.signup.circle} ${action.signup.email}`;
      case 'cancel':
        return `cancel ${action.signup.circle} ${action.signup.email} ${action.signup.signedUp} (${action.because})`;
      case 'bounce':
        return `bounce ${action.recipient} ${action.journalKey}`;
      case 'list':
        return `list ${action.reason}${action.circle ? ` ${action.circle}` : ''}`;
      case 'ignore':
        return `ignore ${action.reason}`;
      case 'auto-reply':
        return 'auto-reply';
    }
  });

const ANA = 'making-a-case ana@example.org';
const BO = 'making-a-case Bo@Example.org';

describe('deciding on calendar replies', () => {
  it.each<[string, InboxMessage[], string[]]>([
    ['an accept is recorded', [reply('ana@example.org', 'ACCEPTED')], [`record ACCEPTED ${ANA}`]],
    ['a tentative is recorded', [reply('ana@example.org', 'TENTATIVE')], [`record TENTATIVE ${ANA}`]],
    ['a decline cancels the seat', [reply('ana@example.org', 'DECLINED')], [`cancel ${ANA} 2026-10-01T09:00:00.000Z (declined)`]],
    ['MAILTO: and the address in another case match the signup', [reply('BO@EXAMPLE.ORG', 'DECLINED', { from: 'bo@example.org' })], [`cancel ${BO} 2026-10-01T09:00:00.000Z (declined)`]],
    ['a decline of an older SEQUENCE still cancels', [reply('ana@example.org', 'DECLINED', { sequence: 0 })], [`cancel ${ANA} 2026-10-01T09:00:00.000Z (declined)`]],
    ['an accept of an older SEQUENCE is listed', [reply('ana@example.org', 'ACCEPTED', { sequence: 1 })], ['list other-sequence making-a-case']],
    ['an unknown UID is listed', [reply('ana@example.org', 'DECLINED', { uid: 'coffee@example.net' })], ['list unknown-uid']],
    ['an attendee the invitation did not go to is listed', [reply('zed@example.org', 'DECLINED')], ['list not-invited making-a-case']],
    ['a forged From is listed', [reply('ana@example.org', 'DECLINED', { from: 'mallory@example.net' })], ['list from-mismatch making-a-case']],
    ['a failing DMARC is listed', [reply('ana@example.org', 'DECLINED', { authentication: 'dmarc=fail' })], ['list authentication making-a-case']],
    ['another answer is listed', [reply('ana@example.org', 'DELEGATED')], ['list other-answer making-a-case']],
    ['an accept for a cancelled seat is listed', [reply('eve@example.org', 'ACCEPTED')], ['list cancelled-seat making-a-case']],
    ['a decline for a cancelled seat changes nothing', [reply('eve@example.org', 'DECLINED')], ['ignore already-cancelled']],
    ['an accept for a cancelled circle is listed', [reply('ana@example.org', 'ACCEPTED', { uid: OLD_UID, sequence: 1 })], ['list cancelled-circle old-circle']],
    ['a decline for a cancelled circle changes nothing', [reply('ana@example.org', 'DECLINED', { uid: OLD_UID })], ['ignore already-cancelled']],
    ['an accept from the waitlist is listed', [reply('fay@example.org', 'ACCEPTED')], ['list not-seated making-a-case']],
    ['a decline from the waitlist cancels the signup', [reply('fay@example.org', 'DECLINED')], ['cancel making-a-case fay@example.org 2026-10-01T09:00:00.000Z (declined)']],
    ['an invited person with no signup left is listed', [reply('hal@example.org', 'DECLINED')], ['list no-signup making-a-case']],
    ['a person who signed up again: the active signup is cancelled', [reply('gil@example.org', 'DECLINED')], ['cancel making-a-case gil@example.org 2026-10-02T09:00:00.000Z (declined)']],
    [
      'a decline, then an accept of the same seat: the seat stays cancelled',
      [reply('ana@example.org', 'DECLINED'), reply('ana@example.org', 'ACCEPTED')],
      [`cancel ${ANA} 2026-10-01T09:00:00.000Z (declined)`, 'list cancelled-seat making-a-case'],
    ],
    ['two declines of the same seat cancel it once', [reply('ana@example.org', 'DECLINED'), reply('ana@example.org', 'DECLINED')], [`cancel ${ANA} 2026-10-01T09:00:00.000Z (declined)`, 'ignore already-cancelled']],
  ])('%s', (_, messages, expected) => {
    expect(gist(messages)).toEqual(expected);
  });
});

describe('deciding on leave requests', () => {
  it.each<[string, () => InboxMessage[], string[]]>([
    ['a valid token cancels its signup', () => [leave('making-a-case', 'ana@example.org')], [`cancel ${ANA} 2026-10-01T09:00:00.000Z (leave-link)`]],
    ['a valid token counts whoever forwards it', () => [leave('making-a-case', 'ana@example.org', 'ana.private@example.net')], [`cancel ${ANA} 2026-10-01T09:00:00.000Z (leave-link)`]],
    ['a waitlisted signup leaves', () => [leave('making-a-case', 'fay@example.org')], ['cancel making-a-case fay@example.org 2026-10-01T09:00:00.000Z (leave-link)']],
    [
      'a token made for another signup cancels that one, not the sender',
      () => [leave('making-a-case', 'Bo@Example.org', 'ana@example.org')],
      [`cancel ${BO} 2026-10-01T09:00:00.000Z (leave-link)`],
    ],
    ['a token of another circle fits no signup here', () => {
      const other = leave('old-circle', 'ana@example.org');
      const token = { circle: 'making-a-case', mac: (other.message as { token: { mac: string } }).token.mac };
      return [{ ...other, message: { ...other.message, kind: 'leave', token } as Classified }];
    }, ['list invalid-token making-a-case']],
    ['a token for an address not in the roster', () => [leave('making-a-case', 'zed@example.org')], ['list invalid-token making-a-case']],
    ['an unknown circle', () => [message({ kind: 'leave', token: { circle: 'no-such-circle', mac: 'A'.repeat(22) } })], ['list unknown-circle']],
    ['a cancelled signup', () => [leave('making-a-case', 'eve@example.org')], ['ignore already-cancelled']],
    ['a failing DKIM', () => [{ ...leave('making-a-case', 'ana@example.org'), message: { ...leave('making-a-case', 'ana@example.org').message, authentication: 'dkim=fail' } as Classified }], ['list authentication making-a-case']],
  ])('%s', (_, messages, expected) => {
    expect(gist(messages())).toEqual(expected);
  });

  it('lists leave requests when the workspace has no secret', () => {
    expect(gist([leave('making-a-case', 'ana@example.org')], { ...WORKSPACE, secret: undefined })).toEqual(['list no-secret making-a-case']);
  });
});

describe('deciding on bounces, auto-replies and the rest', () => {
  it.each<[string, InboxMessage[], string[]]>([
    ['a failure is put on the message it reports', [bounce([['gone@example.net', 'failed']], '<seat-0001@circles.example.org>')], ['bounce gone@example.net seat:gone@example.net:1']],
    ['without a known Message-ID, on the latest message to the address (any case)', [bounce([['LOST@example.net', 'failed']], '<unknown@example.org>')], ['bounce LOST@example.net update:lost@example.net:1']],
    ['a bounce for an address never written to is listed', [bounce([['who@example.net', 'failed']])], ['list unknown-recipient']],
    ['a delay changes nothing', [bounce([['gone@example.net', 'delayed']], '<seat-0001@circles.example.org>')], ['ignore delivery-delayed']],
    ['a report naming no recipient is listed', [bounce([])], ['list unreadable']],
    ['an auto-reply is counted', [message({ kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied' })], ['auto-reply']],
    ['a question is listed with its circle', [message({ kind: 'other', circle: 'making-a-case' })], ['list question making-a-case']],
    ['a reply that could not be read is listed', [message({ kind: 'other', note: 'its calendar part cannot be read' })], ['list unreadable']],
  ])('%s', (_, messages, expected) => {
    expect(gist(messages)).toEqual(expected);
  });

  it('acts once on a message handled before or read twice', () => {
    const decline = reply('ana@example.org', 'DECLINED');
    const handled = { ...decline, message: { ...decline.message, messageId: '<done@example.org>' } as Classified };
    expect(gist([handled, decline, { ...decline, source: 'copy' }])).toEqual(['ignore already-handled', `cancel ${ANA} 2026-10-01T09:00:00.000Z (declined)`, 'ignore already-handled']);
  });

  it('carries the message as a person finds it, and says in words why it is listed', () => {
    const forged = reply('ana@example.org', 'DECLINED', { from: 'mallory@example.net' });
    expect(decide([forged], WORKSPACE)).toEqual([
      {
        source: forged.source,
        messageId: forged.message.messageId,
        from: { address: 'mallory@example.net' },
        subject: 'a subject',
        type: 'list',
        reason: 'from-mismatch',
        circle: 'making-a-case',
        detail: 'a reply for ana@example.org sent by <mallory@example.net>: only the person can answer for themselves',
      },
    ]);
  });

  it('names the person in full when their seat is cancelled', () => {
    const [action] = decide([reply('ana@example.org', 'DECLINED')], WORKSPACE);
    expect(action).toMatchObject({ type: 'cancel', signup: { circle: 'making-a-case', email: 'ana@example.org', name: 'Ana Example', signedUp: '2026-10-01T09:00:00.000Z' } });
  });
});
