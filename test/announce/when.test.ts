import { DateTime, Info } from 'luxon';
import { describe, expect, it } from 'vitest';
import { describeDates, describeWhen, parseZoneList } from '../../src/templates/when.js';
import { resolveZone } from '../../src/model/time.js';

/** Zones as circle files and --tz name them (GMT and UTC are one zone). */
const zone = (name: string) => {
  const resolved = resolveZone(name);
  return resolved.ok ? resolved.value : Info.normalizeZone(name);
};
/** ICU puts thin spaces around the dash of a range between two dates. */
const range = (text: string) => text.replaceAll(' – ', '\u2009–\u2009');
/** A session given as local start and end in its own zone. */
function session(start: string, end: string, own: string) {
  return { start: DateTime.fromISO(start, { zone: own }), end: DateTime.fromISO(end, { zone: own }), zone: zone(own) };
}
function when(start: string, end: string, own: string, extra: string[], lang: 'en' | 'es') {
  const s = session(start, end, own);
  return describeWhen(s.start, s.end, s.zone, extra.map(zone), lang);
}

describe('describeWhen: dates and times from locale data', () => {
  it.each([
    ['en', 'Wednesday, 4 December 2019, 12:00–13:15 GMT', 'Wednesday, 4 December 2019', '12:00–13:15'],
    ['es', 'miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT', 'miércoles, 4 de diciembre de 2019', '12:00–13:15'],
  ] as const)('%s: the circle in its own zone', (lang, text, date, time) => {
    expect(when('2019-12-04T12:00', '2019-12-04T13:15', 'UTC', [], lang)).toEqual({ text, date, time, zone: 'GMT', elsewhere: [] });
  });

  it('names a zone with daylight saving time by its name that day and its offset', () => {
    expect(when('2019-07-03T12:00', '2019-07-03T13:15', 'Europe/London', [], 'en').text).toBe('Wednesday, 3 July 2019, 12:00–13:15 British Summer Time (GMT+1)');
    expect(when('2019-07-03T12:00', '2019-07-03T13:15', 'Europe/London', [], 'es').text).toBe('miércoles, 3 de julio de 2019, 12:00–13:15 hora de verano británica (GMT+1)');
  });

  it('shows a session that crosses midnight with both dates', () => {
    expect(when('2019-12-04T23:30', '2019-12-05T00:45', 'UTC', [], 'en').text).toBe(range('Wednesday, 4 December 2019 at 23:30 – Thursday, 5 December 2019 at 00:45 GMT'));
    expect(when('2019-12-04T23:30', '2019-12-05T00:45', 'UTC', [], 'es').text).toBe(range('miércoles, 4 de diciembre de 2019, 23:30 – jueves, 5 de diciembre de 2019, 0:45 GMT'));
  });
});

describe('describeWhen: extra zones', () => {
  it('gives times alone where the date is the same, and its own weekday and date where it shifts', () => {
    const result = when('2019-12-04T12:00', '2019-12-04T13:15', 'UTC', ['America/Bogota', 'Africa/Johannesburg', 'Asia/Manila', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'], 'en');
    expect(result.elsewhere.map((z) => z.text)).toEqual([
      '07:00–08:15 Colombia Standard Time (GMT-5)',
      '14:00–15:15 South Africa Standard Time (GMT+2)',
      '20:00–21:15 Philippine Standard Time (GMT+8)',
      'Thursday 5 December, 02:00–03:15 Line Islands Time (GMT+14)',
      '01:00–02:15 American Samoa Standard Time (GMT-11)',
    ]);
    expect(result.elsewhere.map((z) => z.date)).toEqual([null, null, null, 'Thursday 5 December', null]);
  });

  it('shifts back a day across the date line too, in Spanish', () => {
    const result = when('2019-12-04T08:00', '2019-12-04T09:15', 'Asia/Manila', ['Pacific/Honolulu', 'America/Bogota'], 'es');
    expect(result.text).toBe('miércoles, 4 de diciembre de 2019, 8:00–9:15 hora estándar de Filipinas (GMT+8)');
    expect(result.elsewhere.map((z) => z.text)).toEqual([
      'martes, 3 de diciembre, 14:00–15:15 hora estándar de Hawái-Aleutianas (GMT-10)',
      'martes, 3 de diciembre, 19:00–20:15 hora estándar de Colombia (GMT-5)',
    ]);
  });

  it('follows each zone through its own daylight saving changes', () => {
    // The UK and the US change their clocks on different weekends: between them, London is 4 hours ahead of New York.
    const between = when('2019-10-30T15:00', '2019-10-30T16:15', 'Europe/London', ['America/New_York', 'Pacific/Auckland'], 'en');
    expect(between.text).toBe('Wednesday, 30 October 2019, 15:00–16:15 Greenwich Mean Time (GMT+0)');
    expect(between.elsewhere.map((z) => z.text)).toEqual([
      '11:00–12:15 Eastern Daylight Time (GMT-4)',
      'Thursday 31 October, 04:00–05:15 New Zealand Daylight Time (GMT+13)',
    ]);
    const after = when('2019-11-06T15:00', '2019-11-06T16:15', 'Europe/London', ['America/New_York'], 'en');
    expect(after.elsewhere[0]?.text).toBe('10:00–11:15 Eastern Standard Time (GMT-5)');
    // A session in Bogota (no DST) seen from London before and after the UK change.
    const summer = when('2019-10-21T10:00', '2019-10-21T11:00', 'America/Bogota', ['Europe/London'], 'es');
    const winter = when('2019-10-28T10:00', '2019-10-28T11:00', 'America/Bogota', ['Europe/London'], 'es');
    expect(summer.elsewhere[0]?.text).toBe('16:00–17:00 hora de verano británica (GMT+1)');
    expect(winter.elsewhere[0]?.text).toBe('15:00–16:00 hora del meridiano de Greenwich (GMT+0)');
  });

  it('shows both dates where a zone sees the session cross midnight, and the year where it changes', () => {
    const crossing = when('2019-12-04T10:30', '2019-12-04T11:45', 'UTC', ['Pacific/Auckland'], 'en');
    expect(crossing.elsewhere[0]).toEqual({
      text: range('Wednesday 4 December at 23:30 – Thursday 5 December at 00:45 New Zealand Daylight Time (GMT+13)'),
      date: null,
      time: '23:30–00:45',
      zone: 'New Zealand Daylight Time (GMT+13)',
    });
    expect(when('2019-12-04T10:30', '2019-12-04T11:45', 'UTC', ['Pacific/Auckland'], 'es').elsewhere[0]?.time).toBe('23:30–0:45');
    const newYear = when('2019-12-31T20:00', '2019-12-31T21:00', 'UTC', ['Asia/Tokyo'], 'es');
    expect(newYear.elsewhere[0]?.text).toBe('miércoles, 1 de enero de 2020, 5:00–6:00 hora estándar de Japón (GMT+9)');
  });

  it('knows that Samoa skipped 30 December 2011 when it moved across the date line', () => {
    const result = when('2011-12-30T10:00', '2011-12-30T11:00', 'UTC', ['Pacific/Apia'], 'en');
    expect(result.text).toBe('Friday, 30 December 2011, 10:00–11:00 GMT');
    expect(result.elsewhere[0]?.text).toBe('Saturday 31 December, 00:00–01:00 Samoa Daylight Time (GMT+14)');
    const dayBefore = when('2011-12-29T08:00', '2011-12-29T09:00', 'UTC', ['Pacific/Apia'], 'en');
    expect(dayBefore.elsewhere[0]?.text).toBe('Wednesday 28 December, 22:00–23:00 Samoa Daylight Time (GMT-10)');
  });

  it("leaves out an extra zone that is the circle's own", () => {
    expect(when('2019-12-04T12:00', '2019-12-04T13:15', 'UTC', ['Etc/UTC', 'America/Bogota'], 'en').elsewhere).toHaveLength(1);
    expect(when('2019-12-04T12:00', '2019-12-04T13:15', 'America/Bogota', ['America/Bogota', 'GMT'], 'en').elsewhere.map((z) => z.text)).toEqual([
      '17:00–18:15 GMT',
    ]);
  });
});

describe('describeDates and parseZoneList', () => {
  it('spans a series in the language of the announcement', () => {
    const first = DateTime.fromISO('2019-11-06T08:30Z');
    const last = DateTime.fromISO('2019-12-16T10:00Z');
    expect(describeDates(first, last, zone('UTC'), 'en')).toBe(range('6 November – 16 December 2019'));
    expect(describeDates(first, last, zone('UTC'), 'es')).toBe(range('6 de noviembre – 16 de diciembre de 2019'));
    expect(describeDates(first, first, zone('UTC'), 'es')).toBe('6 de noviembre de 2019');
  });

  it.each([
    [['America/Bogota,Africa/Johannesburg', 'Asia/Manila'], ['America/Bogota', 'Africa/Johannesburg', 'Asia/Manila']],
    [['America/Bogota, Asia/Manila America/Bogota'], ['America/Bogota', 'Asia/Manila']],
    [['GMT,UTC'], ['UTC']],
    [[''], []],
  ])('reads %j', (input, names) => {
    const parsed = parseZoneList(input);
    expect(parsed.ok && parsed.zones.map((z) => z.name)).toEqual(names);
  });

  it.each([
    ['Mars/Olympus', 'Mars/Olympus', 'not a known IANA time zone'],
    ['America/Bogota,EST', 'EST', 'is not an IANA time zone'],
    ['+05:00', '+05:00', 'is not an IANA time zone'],
  ])('rejects %s', (input, name, reason) => {
    const parsed = parseZoneList([input]);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.name).toBe(name);
      expect(parsed.reason).toContain(reason);
    }
  });
});
