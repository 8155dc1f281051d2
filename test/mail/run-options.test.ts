import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { circlesToMail } from '../../src/mail/mailing.js';
import { checkSamples, parseRate, recordingDue, recordingLink } from '../../src/mail/run-options.js';
import type { ResolvedCircle } from '../../src/model/circle.js';

describe('--rate', () => {
  it.each([
    [undefined, { ok: true, value: undefined }],
    ['5/s', { ok: true, value: 5 }],
    [' 0.5 ', { ok: true, value: 0.5 }],
    ['20', { ok: true, value: 20 }],
    ['0/s', { ok: false, failure: { kind: 'usage', message: '--rate "0/s" is not a rate', hint: 'give messages per second, e.g. --rate 5/s' } }],
    ['fast', { ok: false, failure: { kind: 'usage', message: '--rate "fast" is not a rate' } }],
    ['5/min', { ok: false, failure: { kind: 'usage', message: '--rate "5/min" is not a rate' } }],
  ])('%j -> %j', (text, expected) => {
    expect(parseRate(text)).toMatchObject(expected);
  });
});

describe('--test-to and --lang', () => {
  it.each([
    [undefined, undefined, { ok: true }],
    ['me@example.org', undefined, { ok: true }],
    ['me@example.org', 'es', { ok: true }],
    ['me@', undefined, { ok: false, failure: { kind: 'usage', message: '--test-to "me@" is not an email address' } }],
    [undefined, 'es', { ok: false, failure: { kind: 'usage', message: '--lang picks the language of the --test-to samples', hint: expect.stringContaining('add --test-to <your address>') } }],
  ])('%j, %j -> %j', (testTo, lang, expected) => {
    expect(checkSamples(testTo, lang)).toMatchObject(expected);
  });
});

describe('--recording', () => {
  it.each([
    ['https://video.example.org/lift-3', { ok: true, value: 'https://video.example.org/lift-3' }],
    ['http://Video.Example.org', { ok: true, value: 'http://video.example.org/' }],
    ['video.example.org/x', { ok: false, failure: { kind: 'usage', message: '--recording "video.example.org/x" is not a link', hint: 'give the http(s) link of the recording' } }],
    ['ftp://video.example.org/x', { ok: false, failure: { kind: 'usage', message: '--recording must be an http(s) link' } }],
  ])('%s -> %j', (text, expected) => {
    expect(recordingLink(text)).toMatchObject(expected);
  });
});

describe('a recording is due once the session ended', () => {
  const end = DateTime.fromISO('2019-12-04T13:15:00Z');
  const resolved = { circle: { id: 'health-outcomes' }, end, zone: 'Europe/London', zoneLabel: 'GMT' } as unknown as ResolvedCircle;
  it.each([
    ['after the end', '2019-12-04T13:16:00Z', { ok: true }],
    ['at the end', '2019-12-04T13:15:00Z', { ok: true }],
    [
      'before the end',
      '2019-12-04T13:00:00Z',
      {
        ok: false,
        failure: {
          kind: 'input',
          message: 'health-outcomes has not ended yet: it ends 2019-12-04 13:15 GMT, so there is no recording to send',
          hint: 'run `circle followup health-outcomes --recording <url>` after the session',
        },
      },
    ],
  ])('%s', (_, now, expected) => {
    expect(recordingDue(resolved, DateTime.fromISO(now))).toEqual(expected);
  });
});

describe('the circles a mail run is for', () => {
  const circles = ['making-a-case', 'health-outcomes'].map((id) => ({ circle: { id } }) as ResolvedCircle);
  it.each([
    [[], true, { ok: true, value: circles }],
    [['health-outcomes'], false, { ok: true, value: [circles[1]] }],
    [[], false, { ok: false, failure: { kind: 'usage', message: 'name a circle, or pass --all', hint: 'circles here: making-a-case, health-outcomes' } }],
    [['health-outcome'], false, { ok: false, failure: { kind: 'usage', hint: expect.stringContaining('health-outcomes') } }],
  ])('%j, --all %s', (ids, all, expected) => {
    expect(circlesToMail(circles, ids, all)).toMatchObject(expected);
  });
});
