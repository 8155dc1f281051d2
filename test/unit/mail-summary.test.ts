import { describe, expect, it } from 'vitest';
import { mask, named, scrub } from '../../src/mail/address.js';
import type { DeliveryReport, Queued } from '../../src/mail/deliver.js';
import type { JournalRecord } from '../../src/mail/journal.js';
import type { CirclePlan, Mailing } from '../../src/mail/mailing.js';
import type { CircleOutcome } from '../../src/mail/sending.js';
import { signupId, type WantedMessage } from '../../src/mail/messages.js';
import type { SendOutcome } from '../../src/mail/outcome.js';
import type { Signup } from '../../src/roster/types.js';
import { countsLine, describePlan, mailTrouble, resolveCommand, resolveHint, runCounts, runResults, unsentMessages, unsentResults, withoutSender } from '../../src/mail/summary.js';

const settings = { pass: 's3cret' };

describe('addresses as the mail commands show them', () => {
  const cases: Array<{ name: string; shown: () => string; expected: string }> = [
    { name: 'masked for recognising', shown: () => mask('ana@example.org'), expected: 'a…@example.org' },
    { name: 'a server answer: addresses masked, password hidden', shown: () => scrub('550 <ana.perez@example.org> rejected for s3cret', settings), expected: '550 <a…@example.org> rejected for ****' },
    { name: 'a server answer with no password set', shown: () => scrub('250 ok: ben@mail.example.org', {}), expected: '250 ok: b…@mail.example.org' },
    { name: 'the person in full, to act on', shown: () => named('Ana Pérez', 'ana@example.org'), expected: 'Ana Pérez <ana@example.org>' },
    { name: 'the address alone when there is no name', shown: () => named(undefined, 'ana@example.org'), expected: 'ana@example.org' },
  ];
  it.each(cases)('$name', ({ shown, expected }) => {
    expect(shown()).toBe(expected);
  });
});

describe('what to do about a message that did not go', () => {
  const cases: Array<{ circle: string; kind: string; state: string; recording?: string; command: string; hint: string }> = [
    { circle: 'budgets', kind: 'invitation', state: 'failed', command: 'circle invites send budgets --retry-failed', hint: 'once the address is right (`circle signups edit`), send it again' },
    { circle: 'budgets', kind: 'waitlisted', state: 'unconfirmed', command: 'circle waitlist notify budgets --resend-unconfirmed', hint: 'it may have arrived: ask the person, then if needed' },
    { circle: 'budgets', kind: 'seat', state: 'sending', command: 'circle waitlist notify budgets --resend-unconfirmed', hint: 'it may have arrived: ask the person, then if needed' },
    { circle: 'budgets', kind: 'recording', state: 'deferred', recording: 'https://example.org/r', command: 'circle followup budgets --recording https://example.org/r', hint: 'the next run tries it again' },
    { circle: 'budgets', kind: 'recording', state: 'failed', command: 'circle followup budgets --recording <url> --retry-failed', hint: 'once the address is right (`circle signups edit`), send it again' },
  ];
  it.each(cases)('$kind $state', ({ circle, kind, state, recording, command, hint }) => {
    expect(resolveCommand(circle, kind, state, recording)).toBe(command);
    expect(resolveHint(state)).toBe(hint);
  });
});

const wanted = (key: string, kind: WantedMessage['kind'], email: string, name?: string): WantedMessage => ({ key, kind, signup: { email, language: 'en', signedUp: '2019-11-01T12:00:00.000Z', ...(name ? { name } : {}) } }) as WantedMessage;
const ana = wanted('k1', 'invitation', 'ana@example.org', 'Ana Pérez');
const ben = wanted('k2', 'invitation', 'ben@example.org');
const cleo = wanted('k3', 'waitlisted', 'cleo@example.org', 'Cleo');

function circlePlan(id: string, plan: Partial<CirclePlan['plan']>, more: Partial<CirclePlan> = {}): CirclePlan {
  return { resolved: { circle: { id } }, sender: { name: 'Lift', email: 'circles@example.org' }, alreadySent: 0, plan: { send: [], unconfirmed: [], failed: [], bounced: [], ...plan }, ...more } as unknown as CirclePlan;
}
const mailing = (...circles: CirclePlan[]) => ({ circles }) as unknown as Mailing;
const queued = (m: WantedMessage): Queued => ({ key: m.key, kind: m.kind, to: m.signup.email, build: () => Promise.reject(new Error('not built here')) });
const outcome = (circle: string, results: Array<[WantedMessage, SendOutcome]>, more: Partial<DeliveryReport> = {}): CircleOutcome => ({
  circle,
  report: { outcomes: results.map(([m, o]) => ({ message: queued(m), outcome: o })), notTried: [], unrecorded: [], ...more },
  bounced: [],
});

describe('the plan before sending', () => {
  const cases: Array<{ name: string; mailing: Mailing; expected: string[] }> = [
    { name: 'nothing owed', mailing: mailing(circlePlan('budgets', {})), expected: ['budgets: nothing to send'] },
    {
      name: 'kinds counted, what was sent before said',
      mailing: mailing(circlePlan('budgets', { send: [ana, ben, cleo] }, { alreadySent: 4 })),
      expected: ['budgets: to send: 2 invitation, 1 waitlisted; 4 already sent'],
    },
    {
      name: 'messages held back are named in full, with the command that sends them again',
      mailing: mailing(circlePlan('budgets', { send: [ben], failed: [ana], unconfirmed: [cleo] })),
      expected: [
        'budgets: to send: 1 invitation; 1 unconfirmed held back (--resend-unconfirmed); 1 failed earlier (--retry-failed)',
        '  failed earlier: invitation to Ana Pérez <ana@example.org> in budgets; once the address is right (`circle signups edit`), send it again: circle invites send budgets --retry-failed',
        '  unconfirmed: waitlisted to Cleo <cleo@example.org> in budgets; it may have arrived: ask the person, then if needed: circle waitlist notify budgets --resend-unconfirmed',
      ],
    },
  ];
  it.each(cases)('$name', ({ mailing: m, expected }) => {
    expect(describePlan(m)).toEqual(expected);
  });

  const quiet = (n: number) => Array.from({ length: n }, (_, i) => circlePlan(`circle-${i + 1}`, {}, { alreadySent: 10 }));

  it('names each circle with nothing to do while they are few', () => {
    expect(describePlan(mailing(...quiet(5)))).toEqual(['circle-1', 'circle-2', 'circle-3', 'circle-4', 'circle-5'].map((id) => `${id}: nothing to send; 10 already sent`));
  });

  it('puts many circles with nothing to do on one line, after those with something to send or held back', () => {
    const circles = [...quiet(3), circlePlan('budgets', { send: [ana] }, { alreadySent: 2 }), ...quiet(6).slice(3), circlePlan('health', { failed: [ben] })];
    expect(describePlan(mailing(...circles))).toEqual([
      'budgets: to send: 1 invitation; 2 already sent',
      'health: nothing to send; 1 failed earlier (--retry-failed)',
      '  failed earlier: invitation to ben@example.org in health; once the address is right (`circle signups edit`), send it again: circle invites send health --retry-failed',
      '6 other circles: nothing to send; 60 already sent',
    ]);
    expect(describePlan(mailing(...quiet(200)))).toEqual(['200 circles: nothing to send; 2000 already sent']);
    expect(describePlan(mailing(...quiet(6).map((c) => ({ ...c, alreadySent: 0 }))))).toEqual(['6 circles: nothing to send']);
  });

  it('names the circles that have no one to send from', () => {
    expect(withoutSender(mailing(circlePlan('budgets', {}), circlePlan('health', {}, { sender: undefined })))).toEqual(['health']);
  });

  it('gives every planned message as not tried when nothing was sent', () => {
    expect(unsentResults(mailing(circlePlan('budgets', { send: [ana] })))).toEqual([{ circle: 'budgets', results: [], notTried: [{ kind: 'invitation', to: 'ana@example.org' }], stopped: null }]);
  });
});

describe('the results of a run', () => {
  const planned = mailing(circlePlan('budgets', { send: [ana, ben, cleo] }));
  const cases: Array<{ name: string; mailing: Mailing; outcomes: CircleOutcome[]; line: string; done: boolean; unsent: string[] }> = [
    {
      name: 'all sent',
      mailing: planned,
      outcomes: [outcome('budgets', [[ana, { state: 'sent', response: '250 ok' }], [ben, { state: 'sent', response: '250 ok' }], [cleo, { state: 'sent', response: '250 ok' }]])],
      line: 'sent 3, failed 0, unconfirmed 0, deferred 0, not tried 0',
      done: true,
      unsent: [],
    },
    {
      name: 'a refusal names the person in full, without the password',
      mailing: planned,
      outcomes: [outcome('budgets', [[ana, { state: 'failed', response: '550 no such user (s3cret)' }], [ben, { state: 'sent', response: '250 ok' }]], { notTried: [queued(cleo)] })],
      line: 'sent 1, failed 1, unconfirmed 0, deferred 0, not tried 1',
      done: false,
      unsent: ['failed: invitation to Ana Pérez <ana@example.org> in budgets: 550 no such user (****) | once the address is right (`circle signups edit`), send it again: circle invites send budgets --retry-failed'],
    },
    {
      name: 'held back from earlier runs keeps the run from being done',
      mailing: mailing(circlePlan('budgets', { send: [ben], failed: [ana] })),
      outcomes: [outcome('budgets', [[ben, { state: 'sent', response: '250 ok' }]])],
      line: 'sent 1, failed 0, unconfirmed 0, deferred 0, not tried 0, held back from earlier runs 1',
      done: false,
      unsent: [],
    },
    {
      name: 'a stop after a login refusal',
      mailing: planned,
      outcomes: [outcome('budgets', [[ana, { state: 'unconfirmed', response: 'timeout' }]], { stopped: { reason: 'auth', response: '535 no' } })],
      line: 'sent 0, failed 0, unconfirmed 1, deferred 0, not tried 0',
      done: false,
      unsent: ['unconfirmed: invitation to Ana Pérez <ana@example.org> in budgets: timeout | it may have arrived: ask the person, then if needed: circle invites send budgets --resend-unconfirmed'],
    },
  ];
  it.each(cases)('$name', ({ mailing: m, outcomes, line, done, unsent }) => {
    const counts = runCounts(outcomes, m);
    expect(countsLine(counts)).toBe(line);
    expect(counts.done).toBe(done);
    expect(unsentMessages(outcomes, m, settings).map((u) => `${u.state}: ${u.what} | ${u.todo}`)).toEqual(unsent);
  });

  it('gives the --json results with the password hidden', () => {
    const outcomes = [outcome('budgets', [[ana, { state: 'failed', response: '550 s3cret' }]], { stopped: { reason: 'unreachable', response: 'gone s3cret' } })];
    expect(runResults(outcomes, settings)).toEqual([
      { circle: 'budgets', results: [{ kind: 'invitation', to: 'ana@example.org', state: 'failed', response: '550 ****' }], notTried: [], stopped: { reason: 'unreachable', response: 'gone ****' } },
    ]);
  });
});

describe('the mail trouble of one signup, from the journal', () => {
  const signup = { email: 'Ana@example.org', signedUp: '2019-11-01T12:00:00.000Z' } as Signup;
  const record = (key: string, kind: string, state: JournalRecord['state'], more: Partial<JournalRecord> = {}): [string, JournalRecord] => [key, { key, kind, to: 'ana@example.org', state, at: '2019-11-02T12:00:00.000Z', ...more }];
  const cases: Array<{ name: string; records: Array<[string, JournalRecord]>; expected: string[] }> = [
    { name: 'sent is no trouble', records: [record('a', 'invitation', 'sent', { response: '250 ok' })], expected: [] },
    { name: 'a refusal, with its command', records: [record('a', 'invitation', 'failed', { response: '550 no' })], expected: ['invitation failed: 550 no | circle invites send budgets --retry-failed'] },
    { name: 'a run that died mid-send leaves it unconfirmed', records: [record('a', 'seat', 'sending')], expected: ['seat unconfirmed: no answer from the server | circle waitlist notify budgets --resend-unconfirmed'] },
    {
      name: 'a recording keeps its link',
      records: [record('a', 'recording', 'deferred', { response: '421 later', detail: { recording: 'https://example.org/r' } })],
      expected: ['recording deferred: 421 later | circle followup budgets --recording https://example.org/r'],
    },
    {
      name: 'a record of another signup of the same address is not theirs',
      records: [record('a', 'invitation', 'failed', { response: '550 no', detail: { signup: 'ana@example.org 2019-01-01T00:00:00.000Z' } }), record('b', 'update', 'failed', { response: '550 no', detail: { signup: signupId(signup) } })],
      expected: ['update failed: 550 no | circle invites send budgets --retry-failed'],
    },
  ];
  it.each(cases)('$name', ({ records, expected }) => {
    expect(mailTrouble(new Map(records), 'budgets')(signup).map((t) => `${t.kind} ${t.state}: ${t.response} | ${t.command}`)).toEqual(expected);
  });
});
