import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { classify, parseMessage } from '../../src/inbox/classify.js';

const CIRCLES = [
  { id: 'making-a-case', title: 'Making a case for open contracting' },
  { id: 'open-data', title: 'Publishing open data' },
];
const fixture = async (name: string) => classify(await parseMessage(await readFile(new URL(`../fixtures/inbox/${name}`, import.meta.url))), CIRCLES);
const from = (address: string, name: string) => ({ address, name });
const reply = (attendee: string, partstat: string, sequence = 2) => ({ kind: 'calendar-reply', reply: { uid: 'making-a-case@circles.example.org', sequence, attendee, partstat } });

describe('classifying the fixtures', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['a Gmail accept (inline 7bit part plus invite.ics)', 'gmail-accepted.eml', { from: from('ana@example.org', 'Ana Example'), messageId: '<CAGmail0001@mail.gmail.com>', ...reply('ana@example.org', 'ACCEPTED') }],
    ['an Outlook decline (base64 body, MAILTO: in capitals)', 'outlook-declined.eml', { from: from('Bo@Example.org', 'Bo Example'), ...reply('Bo@Example.org', 'DECLINED') }],
    ['an Apple tentative (attached, quoted-printable, older SEQUENCE)', 'apple-tentative.eml', { from: from('cy@example.org', 'Cy Example'), ...reply('cy@example.org', 'TENTATIVE', 1) }],
    ['a Thunderbird decline (inline quoted-printable with a soft break)', 'thunderbird-declined.eml', { from: from('di@example.org', 'Di Example'), ...reply('di@example.org', 'DECLINED') }],
    ['a forged From', 'forged-from.eml', { from: from('mallory@example.net', 'Mallory'), ...reply('ana@example.org', 'DECLINED') }],
    ['a DMARC and DKIM failure', 'dmarc-fail.eml', { from: from('ana@example.org', 'Ana Example'), authentication: 'dkim=fail', ...reply('ana@example.org', 'DECLINED') }],
    [
      'a bounce for one address',
      'bounce-failed.eml',
      {
        kind: 'bounce',
        report: {
          originalMessageId: '<seat-0001@circles.example.org>',
          recipients: [{ recipient: 'gone@example.net', action: 'failed', status: '5.1.1', diagnostic: 'smtp; 550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown' }],
        },
      },
    ],
    [
      'a delayed delivery notice',
      'bounce-delayed.eml',
      { kind: 'bounce', report: { originalMessageId: '<seat-0001@circles.example.org>', recipients: [{ recipient: 'slow@example.net', action: 'delayed', status: '4.4.1', diagnostic: 'smtp; 451 4.4.1 Connection timed out' }] } },
    ],
    ['an out-of-office', 'out-of-office.eml', { kind: 'auto-reply', reason: 'Auto-Submitted: auto-replied' }],
    ['a question', 'question.eml', { kind: 'other', circle: 'making-a-case', subject: 'Question about the open contracting circle', date: '2026-11-03T10:15:00.000Z' }],
  ])('%s', async (_, name, expected) => {
    expect(await fixture(name)).toMatchObject(expected);
  });

  it('leaves out authentication when every check passed', async () => {
    expect(await fixture('gmail-accepted.eml')).not.toHaveProperty('authentication');
    expect(await fixture('forged-from.eml')).not.toHaveProperty('authentication');
  });
});

/** A message written here, for the rules the fixtures do not show. */
const mail = async (headers: string, body = 'Hello\n') => classify(await parseMessage(Buffer.from(`From: Ana Example <ana@example.org>\nTo: circles@example.org\nMessage-ID: <t1@example.org>\n${headers}\n\n${body}`)), CIRCLES);

describe('classifying by rule', () => {
  it.each([
    ['Auto-Submitted: auto-generated', { kind: 'auto-reply', reason: 'Auto-Submitted: auto-generated' }],
    ['Auto-Submitted: no\nSubject: Question', { kind: 'other' }],
    ['X-Autoreply: yes\nSubject: Hi', { kind: 'auto-reply', reason: 'x-autoreply: yes' }],
    ['Precedence: auto_reply\nSubject: Hi', { kind: 'auto-reply', reason: 'Precedence: auto_reply' }],
    ['Precedence: bulk\nSubject: Hi', { kind: 'other' }],
    ['Subject: Out of Office: You have a seat', { kind: 'auto-reply', reason: 'subject "Out of Office: You have a seat"' }],
    ['Subject: Respuesta automática: Tienes una plaza', { kind: 'auto-reply' }],
    ['Subject: AW: Abwesenheitsnotiz', { kind: 'auto-reply' }],
    ['Subject: Absence from the open data session', { kind: 'other', circle: 'open-data' }],
    ['Subject: Automatic reply: Leave leave.making-a-case.AAAAAAAAAAAAAAAAAAAAAA', { kind: 'auto-reply' }],
    ['Subject: Leave leave.making-a-case.AAAAAAAAAAAAAAAAAAAAAA', { kind: 'leave', token: { circle: 'making-a-case', mac: 'A'.repeat(22) } }],
  ])('%s', async (headers, expected) => {
    expect(await mail(headers)).toMatchObject(expected);
  });

  it.each([
    ['the circle id in the text', 'Subject: A question', 'Is open-data recorded?', 'open-data'],
    ['most title words in the subject', 'Subject: Re: making the case for contracting', '', 'making-a-case'],
    ['too few title words', 'Subject: open question', '', undefined],
    ['both ids named', 'Subject: making-a-case or open-data?', '', undefined],
  ])('guesses the circle from %s', async (_, headers, body, circle) => {
    const classified = await mail(headers, body);
    expect([classified.kind, 'circle' in classified ? classified.circle : undefined]).toEqual(['other', circle]);
  });

  it.each([
    ['dmarc=fail for the From domain', 'mx.example.org; dmarc=fail header.from=example.org', 'dmarc=fail'],
    ['dkim=fail of the From domain, in a comment-laden header', 'mx.example.org; spf=pass (ok; really) smtp.mailfrom=example.org; dkim=fail (bad "x;y") header.d=example.org', 'dkim=fail'],
    ['dkim=fail naming the signer by header.i', 'mx.example.org; dkim=fail header.i=@example.org', 'dkim=fail'],
    ['dkim=fail of a mailing list, passing DMARC', 'mx.example.org; dkim=fail header.d=lists.example.net; dmarc=pass header.from=example.org', undefined],
    ['dmarc=fail for another domain', 'mx.example.org; dmarc=fail header.from=example.net', undefined],
    ['nothing failing', 'mx.example.org; dkim=pass header.d=example.org; dmarc=pass header.from=example.org', undefined],
  ])('reads Authentication-Results: %s', async (_, value, expected) => {
    expect((await mail(`Subject: Hi\nAuthentication-Results: ${value}`)).authentication).toBe(expected);
  });

  it('reads a failure in any one of several Authentication-Results headers', async () => {
    const classified = await mail('Subject: Hi\nAuthentication-Results: relay.example.net; dkim=pass header.d=example.org\nAuthentication-Results: mx.example.org; dmarc=fail header.from=example.org');
    expect(classified.authentication).toBe('dmarc=fail');
  });

  it('lists a calendar reply it cannot read, saying why', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\nUID:making-a-case@circles.example.org\r\nSEQUENCE:2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const classified = await mail('Subject: Accepted\nContent-Type: text/calendar; method=REPLY', ics);
    expect(classified).toMatchObject({ kind: 'other', note: 'its calendar reply names 0 attendees instead of one' });
  });

  it('takes a calendar part that is not a REPLY for mail to a person', async () => {
    const ics = 'BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:other@example.net\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    expect(await mail('Subject: Invitation: coffee\nContent-Type: text/calendar; method=REQUEST', ics)).toMatchObject({ kind: 'other' });
  });
});

describe('guessing the circle of an HTML-only mail', () => {
  it('reads the words between the tags', async () => {
    const classified = await mail('Subject: A question\nContent-Type: text/html; charset=utf-8', '<p>Will <b>open-data</b> be recorded?</p>');
    expect(classified).toMatchObject({ kind: 'other', circle: 'open-data' });
  });
});
