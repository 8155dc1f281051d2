import { FixedOffsetZone } from 'luxon';
import iconv from 'iconv-lite';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { composeLetter } from '../../src/mail/compose.js';
import { smtpSettings } from '../../src/mail/smtp-settings.js';
import { isValidEmail, quoted } from '../../src/model/email.js';
import { circleSchema } from '../../src/model/schema.js';
import { rosterFileSchema } from '../../src/roster/schema.js';
import { decodeExport } from '../../src/signups/decode.js';
import { circleWindow, timeColumn } from '../../src/signups/timestamps.js';

/* The rules behind the input faults of issue 12, as tables. */

describe('the local part of an address is dot-separated words', () => {
  it.each(['a.b@example.org', 'a.b.c@example.org', "o'brien.x+y@example.org", `${'a'.repeat(64)}@example.org`])('accepts %s', (address) => {
    expect(isValidEmail(address)).toBe(true);
  });
  it.each(['a..b@example.org', '.a@example.org', 'a.@example.org', '.@example.org', `${'a'.repeat(32)}.${'b'.repeat(32)}@example.org`])('rejects %s', (address) => {
    expect(isValidEmail(address)).toBe(false);
  });
});

describe('quoted values in messages', () => {
  it.each([
    ['ana@example.org', '"ana@example.org"'],
    ['x'.repeat(60), `"${'x'.repeat(60)}"`],
    ['x'.repeat(61), `"${'x'.repeat(60)}"… (61 characters)`],
    ['a\nb'.repeat(1000), `${JSON.stringify('a\nb'.repeat(20))}… (3,000 characters)`],
  ])('%#', (value, shown) => {
    expect(quoted(value)).toBe(shown);
  });
});

describe('CIRCLE_SMTP_URL by the WHATWG URL rules', () => {
  it.each([
    ['smtp://u:pw@[::1]:587', { host: '::1', port: 587, user: 'u', pass: 'pw', label: '[::1]:587' }],
    ['smtp://[::1]', { host: '::1', port: 587, label: '[::1]:587' }],
    ['smtps://u:pw@[2001:db8::25]', { host: '2001:db8::25', port: 465, secure: true, label: '[2001:db8::25]:465' }],
    ['smtp://orgbot:p%2Fw%3Fx%23y@smtp.example.org:2525', { host: 'smtp.example.org', port: 2525, user: 'orgbot', pass: 'p/w?x#y', label: 'smtp.example.org:2525' }],
    ['smtp://orgbot:p@ss@smtp.example.org', { host: 'smtp.example.org', user: 'orgbot', pass: 'p@ss', label: 'smtp.example.org:587' }],
    [' smtp://smtp.example.org ', { host: 'smtp.example.org', label: 'smtp.example.org:587' }],
  ])('%s', (url, expected) => {
    expect(smtpSettings({ CIRCLE_SMTP_URL: url })).toMatchObject({ ok: true, value: expected });
  });

  it.each([
    ['smtp://orgbot:12/34@smtp.example.org', 'has an @ after its host'],
    ['smtp://orgbot:s3cr/et9@smtp.example.org', 'is not a URL'],
    ['smtp://orgbot:s3cr?et9@smtp.example.org', 'is not a URL'],
    ['smtp://orgbot:s3cr#et9@smtp.example.org', 'is not a URL'],
    ['orgbot:s3cret9@smtp.example.org:587', 'must start with smtp:// or smtps://'],
    ['smtp://orgbot:s3cr%zzet9@smtp.example.org', 'has a broken %-escape'],
    ['smtp://orgbot:s3cret9@', 'is not a URL'],
  ])('%s is a usage error that quotes nothing of it', (url, message) => {
    const result = smtpSettings({ CIRCLE_SMTP_URL: url });
    const error = result.ok ? undefined : result.failure;
    expect(error?.message).toContain(message);
    expect(error?.kind).toBe('usage');
    for (const part of ['orgbot', 's3cr', 'et9', '12', '34']) expect(`${error?.message} ${error?.hint}`).not.toContain(part);
  });
});

describe('signup times near the circle', () => {
  const circle = Date.UTC(2019, 10, 6, 8, 30);
  const importedAt = Date.UTC(2020, 0, 1);
  const check = circleWindow([circle], importedAt);
  it.each([
    [Date.UTC(2016, 0, 1), undefined],
    [Date.UTC(2023, 11, 31, 23, 59), undefined],
    [Date.UTC(2015, 11, 31, 23, 59), 'is in year 2015, not in 2016–2023'],
    [Date.UTC(2024, 0, 1), 'is in year 2024, not in 2016–2023'],
    [new Date(Date.UTC(2000, 9, 28)).setUTCFullYear(1), 'is in year 1, not in 2016–2023'],
  ])('%s', (time, reason) => {
    const found = check('the value', time);
    if (reason === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(reason);
  });

  it('a series is measured from its first and last circle, and a late import from today', () => {
    const series = circleWindow([circle, Date.UTC(2021, 0, 1)], Date.UTC(2026, 5, 1));
    expect(series('x', Date.UTC(2029, 11, 31))).toBeUndefined();
    expect(series('x', Date.UTC(2030, 0, 1))).toBe(`timestamp "x" is in year 2030, not in 2016–2029 (3 years around the circles' dates (2019-11-06 to 2021-01-01) and today): correct the year in the file and import again`);
  });

  it('no circle dates, no window', () => {
    expect(circleWindow([], importedAt)('x', Date.UTC(9999, 0, 1))).toBeUndefined();
  });

  it('year 0001 is read as year 1, not 1901, and a 30 February is no date', () => {
    const column = timeColumn(['10/28/0001 9:05:00', '2/30/2019 9:00:00', '10/28/2019 9:00:00'], { zone: FixedOffsetZone.utcInstance, file: 'f.csv', header: 'Timestamp' });
    expect(new Date(column.read('10/28/0001 9:05:00') ?? 0).getUTCFullYear()).toBe(1);
    expect(column.read('2/30/2019 9:00:00')).toBeUndefined();
    expect(column.read('10/28/2019 9:00:00')).toBe(Date.UTC(2019, 9, 28, 9));
  });
});

describe('roster times are real dates', () => {
  const roster = (signedUp: string) => ({
    circle: 'making-a-case',
    last_import: 1,
    signups: [{ email: 'ana@example.org', language: 'en', signed_up: signedUp, source: { via: 'walk-in', import: 1 }, status: 'confirmed', status_changed: '2019-10-28T09:00:00.000Z' }],
  });
  it.each(['2019-02-28T09:00:00Z', '2020-02-29T09:00:00.000Z', '2019-10-28T09:14+02:00'])('accepts %s', (time) => {
    expect(z.safeParse(rosterFileSchema, roster(time)).success).toBe(true);
  });
  it.each(['2019-02-30T09:00:00Z', '2019-02-29T09:00:00Z', '2019-04-31T09:00:00Z', '2019-13-01T09:00:00Z', '2019-10-28T25:00:00Z'])('rejects %s', (time) => {
    const result = z.safeParse(rosterFileSchema, roster(time));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['signups.0.signed_up']);
  });
});

describe('one-line fields of circle files', () => {
  const circle = (title: string) => ({ id: 'x', series: 'lift', number: 1, title, host: { name: 'Hera' }, start: '2019-11-06T08:30', duration: '1h' });
  it.each([
    ['a\r\nb', 'holds a line break (U+000D) at character 2'],
    ['a\nb', 'holds a line break (U+000A) at character 2'],
    ['a\u2028b', 'holds a line break (U+2028) at character 2'],
    ['ab\u0007', 'holds the control character U+0007 at character 3'],
    ['a\u0085b', 'holds the control character U+0085 at character 2'],
    ['a\u202eb', 'holds the invisible bidi control U+202E at character 2'],
    ['a\u2066b\u2069', 'holds the invisible bidi control U+2066 at character 2'],
  ])('%j', (title, message) => {
    const result = z.safeParse(circleSchema, circle(title));
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['title', `${message}: it must be one line of plain text; remove it`]]);
  });
  it('a title with accents, tabs trimmed at the ends, and Arabic script passes', () => {
    expect(z.safeParse(circleSchema, circle('Participación de las pymes — مرحبا\n')).success).toBe(true);
  });
});

describe('decoding a file that mixes encodings', () => {
  const lines = (...parts: Buffer[]) => Buffer.concat(parts);
  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  const cp1252 = (text: string) => iconv.encode(text, 'windows-1252');
  it.each([
    ['utf-8 only', lines(utf8('h\nJosé\n')), 'utf-8', 'h\nJosé\n', undefined],
    ['windows-1252 only', lines(cp1252('h\nZoë\n')), 'windows-1252', 'h\nZoë\n', 'f.csv is not UTF-8: read as Windows-1252'],
    ['mixed', lines(utf8('h\nJosé\n'), cp1252('Zoë\r\n'), utf8('Nguyễn')), 'utf-8, 1 line windows-1252', 'h\nJosé\nZoë\r\nNguyễn', 'f.csv mixes encodings: read as UTF-8, except line 3, which is not UTF-8 and was read as Windows-1252'],
    ['mixed after a BOM', lines(Buffer.from([0xef, 0xbb, 0xbf]), utf8('h\nJosé\n'), cp1252('Zoë\n')), 'utf-8, 1 line windows-1252', 'h\nJosé\nZoë\n', 'except line 3,'],
  ])('%s', (_, bytes, encoding, text, warning) => {
    const decoded = decodeExport(bytes, 'f.csv');
    expect(decoded.encoding).toBe(encoding);
    expect(String(decoded.content)).toBe(text);
    if (warning === undefined) expect(decoded.warning).toBeUndefined();
    else expect(decoded.warning).toContain(warning);
  });

  it('names at most ten lines', () => {
    const bytes = lines(utf8('h\nJosé\n'), ...Array.from({ length: 12 }, () => cp1252('Zoë\n')));
    expect(decodeExport(bytes, 'f.csv').warning).toContain('except lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more, which are not UTF-8');
  });

  it('--encoding reads the whole file one way, without a warning', () => {
    const decoded = decodeExport(lines(utf8('h\nJosé\n'), cp1252('Zoë\n')), 'f.csv', 'windows-1252');
    expect(decoded.warning).toBeUndefined();
    expect(decoded.encoding).toBe('windows-1252');
  });
});

describe('header lines of composed mail', () => {
  const message = (subject: string) => ({ subject, text: 'Hello', html: '<p>Hello</p>' });
  it.each([
    ['one long ASCII word', 'N'.repeat(5000)],
    ['words', 'Ana '.repeat(1250)],
    ['accents', 'É'.repeat(3000)],
    ['quotes', `${'A'.repeat(2000)}"x`],
    ['emoji', '🎉'.repeat(3000)],
  ])('%s: every line within 998 octets, the name shortened to 200 characters', async (_, name) => {
    const raw = await composeLetter({
      from: { name, address: 'circles@example.org' },
      to: { name: `\u202e${name}`, address: 'ana@example.org' },
      replyTo: { name, address: 'host@example.org' },
      message: message(`Your seat: ${name}`),
      messageId: '<long-names@example.org>',
    });
    const headerLines = raw.toString('latin1').split('\r\n');
    expect(Math.max(...headerLines.map((line) => line.length))).toBeLessThanOrEqual(998);
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(raw);
    const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
    const shown = to?.value[0]?.name ?? '';
    expect([...shown]).toHaveLength(200);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).not.toContain('\u202e');
    expect([...(parsed.subject ?? '')].length).toBeLessThanOrEqual(300);
  });
});
