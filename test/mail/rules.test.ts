import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalRecord, JournalState } from '../../src/mail/journal.js';
import { COMMAND_KINDS } from '../../src/mail/kinds.js';
import { invitationMessages, recordingMessages, signupId, waitlistMessages } from '../../src/mail/messages.js';
import { classifyError } from '../../src/mail/outcome.js';
import { sentCount } from '../../src/mail/plan.js';
import { pickSamples } from '../../src/mail/samples.js';
import { mailTemplateProblems } from '../../src/mail/template-checks.js';
import type { Roster, Signup } from '../../src/roster/types.js';
import { tempDir } from '../helpers/cli.js';
import { signupAt } from '../helpers/roster.js';

describe('what an SMTP error means for a message', () => {
  it.each([
    [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }, false, 'auth'],
    [{ code: 'EENVELOPE', responseCode: 550, response: '550 no such user' }, false, 'failed'],
    [{ code: 'EMESSAGE', responseCode: 554, response: '554 rejected' }, true, 'failed'],
    [{ code: 'EENVELOPE', responseCode: 451, response: '451 later' }, false, 'deferred'],
    [{ code: 'EMESSAGE', responseCode: 452, response: '452 full' }, true, 'deferred'],
    [{ code: 'EENVELOPE', responseCode: 503, response: '503 bad sequence' }, false, 'deferred'],
    [{ code: 'EMESSAGE', responseCode: 552, response: '552 storage' }, true, 'deferred'],
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, true, 'unconfirmed'],
    [{ code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, false, 'deferred'],
    [{ code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, false, 'deferred'],
  ])('%j, handed over: %s -> %s', (error, handedOver, state) => {
    expect(classifyError(error, handedOver).state).toBe(state);
  });

  it('tells an unreachable server from a dropped connection', () => {
    expect(classifyError({ code: 'ESOCKET', originalCode: 'ECONNREFUSED' }, false)).toMatchObject({ unreachable: true });
    expect(classifyError({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND' }, false)).toMatchObject({ unreachable: true });
    expect(classifyError({ code: 'ECONNECTION' }, false)).not.toHaveProperty('unreachable');
  });
});

const signup = (email: string, status: Signup['status'], minute: number, extra: Partial<Signup> = {}): Signup => signupAt(email, minute, status, extra);

const roster = (...signups: Signup[]): Roster => ({ circle: 'c', lastImport: 1, signups, removed: [] });

function sent(kind: string, person: Signup, sequence?: number): [string, JournalRecord] {
  const key = `${kind}:${signupId(person)}`;
  return [key, { key, kind, to: person.email, state: 'sent', at: '2019-11-01T00:00:00.000Z', detail: { signup: signupId(person), ...(sequence !== undefined ? { sequence } : {}) } }];
}

describe('who is owed which message', () => {
  const ana = signup('ana@example.org', 'confirmed', 0);
  const ben = signup('ben@example.org', 'confirmed', 1);
  const cy = signup('cy@example.org', 'waitlisted', 3);
  const di = signup('di@example.org', 'waitlisted', 2);
  const ed = signup('ed@example.org', 'confirmed', 4, { seatEmailOwed: true });
  const fi = signup('fi@example.org', 'cancelled', 5);

  it('waitlist notify: the promoted person their seat, the waitlist their positions in signup order', () => {
    expect(waitlistMessages(roster(ana, cy, di, ed), new Map(), { cancelled: false, sequence: 0, language: 'en', said: {} }).map((m) => [m.kind, m.signup.email, m.position])).toEqual([
      ['seat', 'ed@example.org', undefined],
      ['waitlisted', 'di@example.org', 1],
      ['waitlisted', 'cy@example.org', 2],
    ]);
  });

  it('invites send: invitations, the seat email for a promoted person, nothing for the waitlist', () => {
    const wanted = invitationMessages(roster(ana, ben, cy, ed, fi), new Map(), { cancelled: false, sequence: 0, language: 'en', said: {} });
    expect(wanted.map((m) => [m.kind, m.signup.email])).toEqual([
      ['invitation', 'ana@example.org'],
      ['invitation', 'ben@example.org'],
      ['seat', 'ed@example.org'],
    ]);
  });

  it('invites send: an update for an older SEQUENCE, a cancellation for a cancelled seat that was invited', () => {
    const cancelledBen = { ...ben, status: 'cancelled' as const };
    const journal: JournalState = new Map([sent('invitation', ana, 0), sent('invitation', ben, 0), sent('update', ana, 1)]);
    const wanted = invitationMessages(roster(ana, cancelledBen, fi), journal, { cancelled: false, sequence: 2, language: 'en', said: {} });
    expect(wanted.map((m) => [m.kind, m.signup.email, m.sequence])).toEqual([
      ['update', 'ana@example.org', 2],
      ['seat-cancelled', 'ben@example.org', 2],
    ]);
    expect(invitationMessages(roster(ana), new Map([sent('update', ana, 2)]), { cancelled: false, sequence: 2, language: 'en', said: {} })).toEqual([]);
  });

  it('invites send: a cancelled circle cancels everyone invited, once per SEQUENCE', () => {
    const journal: JournalState = new Map([sent('invitation', ana, 0)]);
    const wanted = invitationMessages(roster(ana, ben), journal, { cancelled: true, sequence: 1, language: 'en', said: {} });
    // Ben, seated and never invited, has nothing in his calendar: he is told in words.
    expect(wanted.map((m) => [m.kind, m.signup.email, m.key])).toEqual([
      ['cancelled', 'ana@example.org', `cancelled:${signupId(ana)}:1`],
      ['confirmed-cancelled', 'ben@example.org', `confirmed-cancelled:${signupId(ben)}:1`],
    ]);
  });

  it('invites send: a person erased after they were invited gets the cancellation where the invitation went, once', () => {
    const spanish: [string, JournalRecord] = [sent('seat', ed, 0)[0], { ...sent('seat', ed, 0)[1], to: 'Ed@example.org', detail: { signup: signupId(ed), language: 'es', sequence: 0 } }];
    const journal: JournalState = new Map([sent('invitation', ana, 0), spanish, sent('invitation', ben, 0)]);
    const erased = roster(ana, { ...ben, status: 'cancelled' });
    const wanted = invitationMessages(erased, journal, { cancelled: false, sequence: 1, language: 'en', said: {} });
    expect(wanted.map((m) => [m.kind, m.key, m.signup.email, m.signup.language])).toEqual([
      ['update', `update:${signupId(ana)}:1`, 'ana@example.org', 'en'],
      ['seat-cancelled', `seat-cancelled:${signupId(ben)}`, 'ben@example.org', 'en'],
      ['seat-cancelled', `seat-cancelled:${signupId(ed)}`, 'Ed@example.org', 'es'],
    ]);
    // A journal from before languages were recorded: the circle's language.
    expect(invitationMessages(roster(), new Map([sent('invitation', ana, 0)]), { cancelled: true, sequence: 3, language: 'es', said: {} })).toEqual([
      { key: `cancelled:${signupId(ana)}:3`, kind: 'cancelled', signup: { email: 'ana@example.org', language: 'es', signedUp: ana.signedUp }, sequence: 3 },
    ]);
    // Someone whose row was edited by hand is still on the roster: no cancellation.
    expect(invitationMessages(roster({ ...ana, signedUp: '2019-10-28T10:00:00.000Z' }), new Map([sent('invitation', ana, 0)]), { cancelled: false, sequence: 0, language: 'en', said: {} }).map((m) => m.kind)).toEqual(['invitation']);
  });

  it('followup: everyone not cancelled, one message per person even after a re-signup', () => {
    const again = signup('ANA@example.org', 'waitlisted', 9);
    expect(recordingMessages(roster(ana, cy, fi, again), new Map(), 'https://video.example.org/1').map((m) => m.key)).toEqual(['recording:ana@example.org', 'recording:cy@example.org']);
  });
});

describe('changes of the circle, to everyone they concern', () => {
  const ana = signup('ana@example.org', 'confirmed', 0);
  const cy = signup('cy@example.org', 'waitlisted', 3);
  const di = signup('di@example.org', 'waitlisted', 2);
  const now = { cancelled: false, sequence: 1, language: 'en' as const, said: { start: '2019-12-05T15:00:00.000Z', end: '2019-12-05T16:15:00.000Z', platform: '', link: 'https://meet.example.org/new' } };
  const told = (kind: string, person: Signup, sequence: number | undefined, said: Record<string, string>): [string, JournalRecord] => {
    const [key, record] = sent(kind, person, sequence);
    return [key, { ...record, detail: { ...record.detail, ...said } }];
  };
  const before = { start: '2019-12-04T12:00:00.000Z', end: '2019-12-04T13:15:00.000Z', platform: '' };

  it('a waitlisted person told at an older SEQUENCE gets the change once, with what they were told and their position now', () => {
    const journal: JournalState = new Map([told('waitlisted', cy, 0, before), told('invitation', ana, 0, { ...before, link: 'https://meet.example.org/old' })]);
    const wanted = invitationMessages(roster(ana, cy, di), journal, now);
    expect(wanted.map((m) => [m.kind, m.signup.email, m.position, m.key])).toEqual([
      ['update', 'ana@example.org', undefined, `update:${signupId(ana)}:1`],
      ['waitlisted-update', 'cy@example.org', 2, `waitlisted-update:${signupId(cy)}:1`],
    ]);
    expect(wanted[0]?.before).toEqual({ ...before, link: 'https://meet.example.org/old' });
    expect(wanted[1]?.before).toEqual(before);
    // The waitlist is never told the meeting link, and the journal keeps what each message said.
    expect(wanted[1]?.said).toEqual({ start: now.said.start, end: now.said.end, platform: '' });
    // Di was never told her place: waitlist notify tells it with the new details, not as a change.
    expect(waitlistMessages(roster(ana, cy, di), journal, now).map((m) => [m.kind, m.signup.email])).toEqual([
      ['waitlisted', 'di@example.org'],
      ['waitlisted', 'cy@example.org'],
      ['waitlisted-update', 'cy@example.org'],
    ]);
    // A journal from before SEQUENCE was journaled with waitlist notices: told at 0.
    expect(invitationMessages(roster(cy), new Map([sent('waitlisted', cy)]), now).map((m) => m.kind)).toEqual(['waitlisted-update']);
    expect(invitationMessages(roster(cy), new Map([told('waitlisted', cy, 1, before)]), now)).toEqual([]);
  });

  it('a cancelled circle tells every waitlisted person, told before or not, once per SEQUENCE', () => {
    const cancelled = { ...now, cancelled: true, sequence: 2 };
    expect(waitlistMessages(roster(ana, cy, di), new Map([sent('waitlisted', cy, 0)]), cancelled).map((m) => [m.kind, m.signup.email, m.position, m.key])).toEqual([
      ['confirmed-cancelled', 'ana@example.org', undefined, `confirmed-cancelled:${signupId(ana)}:2`],
      ['waitlisted-cancelled', 'di@example.org', 1, `waitlisted-cancelled:${signupId(di)}:2`],
      ['waitlisted-cancelled', 'cy@example.org', 2, `waitlisted-cancelled:${signupId(cy)}:2`],
    ]);
  });

  it('a cancelled circle tells each seated person never invited, once; the invited get the calendar cancellation instead', () => {
    const cancelled = { ...now, cancelled: true, sequence: 2 };
    const wanted = invitationMessages(roster(ana, cy), new Map(), cancelled);
    expect(wanted.map((m) => [m.kind, m.signup.email, m.key])).toEqual([['confirmed-cancelled', 'ana@example.org', `confirmed-cancelled:${signupId(ana)}:2`], ['waitlisted-cancelled', 'cy@example.org', `waitlisted-cancelled:${signupId(cy)}:2`]]);
    expect(waitlistMessages(roster(ana), new Map(), cancelled).map((m) => m.kind)).toEqual(['confirmed-cancelled']);
    expect(invitationMessages(roster(ana), new Map([sent('invitation', ana)]), cancelled).map((m) => m.kind)).toEqual(['cancelled']);
  });

  it('followup: the corrected link to those sent another, once per link; the recording to the rest', () => {
    const journal: JournalState = new Map([['recording:ana@example.org', { key: 'recording:ana@example.org', kind: 'recording', to: ana.email, state: 'sent', at: '2019-12-05T00:00:00.000Z', detail: { signup: signupId(ana), recording: 'https://video.example.org/old' } }]]);
    const wanted = recordingMessages(roster(ana, cy), journal, 'https://video.example.org/new');
    expect(wanted.map((m) => [m.kind, m.signup.email, m.before?.recording])).toEqual([
      ['recording-correction', 'ana@example.org', 'https://video.example.org/old'],
      ['recording', 'cy@example.org', undefined],
    ]);
    expect(wanted[0]?.key).toMatch(/^recording-correction:ana@example\.org:[0-9a-f]{12}$/);
    expect(recordingMessages(roster(ana), journal, 'https://video.example.org/old').map((m) => m.kind)).toEqual(['recording']);
  });
});

describe('already sent', () => {
  const record = (key: string, kind: string, state: JournalRecord['state']): [string, JournalRecord] => [key, { key, kind, to: 'x@example.org', state, at: '2019-11-01T00:00:00.000Z' }];
  // Everyone once told, whatever became of them since: promoted, cancelled or moved people are no longer in any plan.
  const journal: JournalState = new Map([
    record('waitlisted:a', 'waitlisted', 'sent'),
    record('waitlisted:b', 'waitlisted', 'sent'),
    record('waitlisted:c', 'waitlisted', 'failed'),
    record('waitlisted:d', 'waitlisted', 'sending'),
    record('seat:b', 'seat', 'sent'),
    record('invitation:e', 'invitation', 'sent'),
    record('update:e:1', 'update', 'sent'),
    record('seat-cancelled:e', 'seat-cancelled', 'deferred'),
    record('recording:a', 'recording', 'sent'),
  ]);
  it.each([
    ['waitlist notify', 3],
    ['invites send', 3],
    ['followup', 1],
  ] as const)('%s counts %i', (command, count) => {
    expect(sentCount(journal, COMMAND_KINDS[command])).toBe(count);
  });
});

describe('the samples of --test-to', () => {
  const es = (s: Signup): Signup => ({ ...s, language: 'es' });
  const [ana, ben, cy] = [signup('ana@example.org', 'waitlisted', 0), signup('ben@example.org', 'confirmed', 1), signup('cy@example.org', 'waitlisted', 2)];
  const message = (kind: 'waitlisted' | 'invitation' | 'seat', person: Signup) => ({ key: `${kind}:${signupId(person)}`, kind, signup: person });
  const plans = (...sends: Array<ReturnType<typeof message>[]>) => sends.map((send, i) => ({ circle: `c${i + 1}`, send }));
  const picked = (samples: ReturnType<typeof pickSamples<string>>) => samples.map((s) => `${s.circle} ${s.message.kind} ${s.message.signup.email.split('@')[0]} ${s.message.signup.language}`);

  it.each([
    ['one kind, both languages: the first person, shown in each', plans([message('waitlisted', ana), message('waitlisted', cy)]), ['en', 'es'], ['c1 waitlisted ana en', 'c1 waitlisted ana es']],
    ['someone chose Spanish: theirs is the Spanish sample', plans([message('waitlisted', ana), message('waitlisted', es(cy))]), ['en', 'es'], ['c1 waitlisted ana en', 'c1 waitlisted cy es']],
    ['--lang es picks the Spanish speaker', plans([message('waitlisted', ana), message('waitlisted', es(cy))]), ['es'], ['c1 waitlisted cy es']],
    ['--lang es with nobody Spanish: the first person, in Spanish', plans([message('waitlisted', ana)]), ['es'], ['c1 waitlisted ana es']],
    ['kinds in the order they first come, across circles', plans([message('seat', ben)], [message('invitation', ben), message('seat', es(ana))]), ['en'], ['c1 seat ben en', 'c2 invitation ben en']],
    ['nothing planned, nothing to sample', plans([]), ['en', 'es'], []],
  ] as const)('%s', (_, given, langs, expected) => {
    expect(picked(pickSamples(given, langs))).toEqual(expected);
  });
});

describe('mail template checks', () => {
  const workspaceWith = (files: Record<string, string>) => {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, 'templates', 'mail', 'waitlisted'), { recursive: true });
      writeFileSync(join(dir, 'templates', 'mail', 'waitlisted', name), text);
    }
    return dir;
  };

  it('finds nothing wrong with the bundled templates', async () => {
    expect(await mailTemplateProblems(workspaceWith({}))).toEqual([]);
  });

  it('names an unknown field at its place with the nearest field, and a template that does not parse at its line', async () => {
    const dir = workspaceWith({ 'en.text.hbs': 'Hello {{person.nmae}},\n{{#if circle.recorded}}\nrecorded\n{{/iff}}\n' });
    expect(await mailTemplateProblems(dir)).toEqual([
      expect.objectContaining({ file: expect.stringMatching(/en\.text\.hbs$/), line: 2, col: 4, message: "template does not parse: if doesn't match iff" }),
    ]);
    writeFileSync(join(dir, 'templates', 'mail', 'waitlisted', 'en.text.hbs'), 'Hello {{person.nmae}}, you are #{{person.position}}\n');
    expect(await mailTemplateProblems(dir)).toContainEqual(
      expect.objectContaining({ line: 1, col: 9, message: '{{person.nmae}} is not a field of the message', hint: 'did you mean "person.name"?' }),
    );
  });
});
