import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { longDateTime, parseDuration, utcIso, parseLocalDateTime, placeLocalTime, resolveZone, zoneLabel } from '../../src/model/time.js';

const zone = (name: string) => {
  const resolved = resolveZone(name);
  if (!resolved.ok) throw new Error(resolved.reason);
  return resolved.value;
};

describe('local date-times', () => {
  it.each([
    ['2019-12-04T12:00', { year: 2019, month: 12, day: 4, hour: 12, minute: 0 }],
    ['2020-02-29T23:59', { year: 2020, month: 2, day: 29, hour: 23, minute: 59 }],
    ['2000-02-29T00:00', { year: 2000, month: 2, day: 29, hour: 0, minute: 0 }],
    ['2019-12-31T08:05', { year: 2019, month: 12, day: 31, hour: 8, minute: 5 }],
  ])('reads %s', (text, value) => {
    expect(parseLocalDateTime(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['2019-11-31T12:00', '2019-11-31 is not a date: November 2019 has 30 days'],
    ['2019-02-29T12:00', '2019-02-29 is not a date: February 2019 has 28 days'],
    ['1900-02-29T12:00', '1900-02-29 is not a date: February 1900 has 28 days'],
    ['2100-02-29T12:00', '2100-02-29 is not a date: February 2100 has 28 days'],
    ['2019-12-32T12:00', '2019-12-32 is not a date: December 2019 has 31 days'],
    ['2019-04-00T12:00', '2019-04-00 is not a date: April 2019 has 30 days'],
    ['2019-13-01T12:00', '2019-13-01 is not a date: months go from 01 to 12'],
    ['2019-12-04T24:00', '24:00 is not a time of day: hours go to 23 and minutes to 59'],
    ['4 Dec 2019 12:00', '"4 Dec 2019 12:00" is not a local date-time like 2019-12-04T12:00'],
  ])('rejects %s', (text, reason) => {
    expect(parseLocalDateTime(text)).toEqual({ ok: false, reason });
  });
});

describe('durations', () => {
  it.each([
    ['75m', 75],
    ['1h15m', 75],
    ['1h', 60],
    ['PT1H15M', 75],
    ['PT45M', 45],
  ])('%s is %i minutes', (text, minutes) => {
    expect(parseDuration(text)).toEqual({ ok: true, value: minutes });
  });

  it.each(['', '1h15', 'PT', '0m', 'one hour', '1d'])('rejects "%s"', (text) => {
    expect(parseDuration(text).ok).toBe(false);
  });
});

describe('time zones', () => {
  it.each(['GMT', 'UTC', 'utc', 'Etc/UTC'])('%s is one zone, shown as GMT', (name) => {
    expect(zoneLabel(zone(name))).toBe('GMT');
  });

  it('keeps IANA names', () => {
    expect(zoneLabel(zone('America/Bogota'))).toBe('America/Bogota');
  });

  it.each(['EST', '+05:00', 'Mars/Olympus', 'America/Bogata'])('rejects %s', (name) => {
    expect(resolveZone(name).ok).toBe(false);
  });
});

describe('placing a wall-clock time in a zone', () => {
  it('finds the one instant of an ordinary time, with and without DST', () => {
    const london = placeLocalTime({ year: 2019, month: 7, day: 1, hour: 12, minute: 0 }, zone('Europe/London'));
    expect(london.kind === 'exact' && london.instant.toUTC().toISO()).toBe('2019-07-01T11:00:00.000Z');
    const bogota = placeLocalTime({ year: 2019, month: 12, day: 4, hour: 7, minute: 0 }, zone('America/Bogota'));
    expect(bogota.kind === 'exact' && bogota.instant.toUTC().toISO()).toBe('2019-12-04T12:00:00.000Z');
  });

  it('finds no instant in a spring-forward gap', () => {
    expect(placeLocalTime({ year: 2019, month: 3, day: 31, hour: 1, minute: 30 }, zone('Europe/London')).kind).toBe('gap');
    expect(placeLocalTime({ year: 2020, month: 3, day: 8, hour: 2, minute: 0 }, zone('America/New_York')).kind).toBe('gap');
  });

  it('finds two instants in a fall-back overlap', () => {
    const placed = placeLocalTime({ year: 2019, month: 10, day: 27, hour: 1, minute: 30 }, zone('Europe/London'));
    expect(placed.kind).toBe('ambiguous');
    if (placed.kind !== 'ambiguous') return;
    expect([placed.earlier.toUTC().toISO(), placed.later.toUTC().toISO()]).toEqual(['2019-10-27T00:30:00.000Z', '2019-10-27T01:30:00.000Z']);
  });

  it('handles a southern-hemisphere gap and a half-hour zone', () => {
    expect(placeLocalTime({ year: 2019, month: 10, day: 6, hour: 2, minute: 30 }, zone('Australia/Sydney')).kind).toBe('gap');
    const placed = placeLocalTime({ year: 2019, month: 12, day: 4, hour: 17, minute: 30 }, zone('Asia/Kolkata'));
    expect(placed.kind === 'exact' && placed.instant.toUTC().toISO()).toBe('2019-12-04T12:00:00.000Z');
  });
});

describe('an instant written out in full', () => {
  it.each([
    ['2019-12-04T12:00:00Z', 'GMT', 'Wednesday 4 December 2019, 12:00'],
    ['2019-12-04T17:00:00Z', 'America/Bogota', 'Wednesday 4 December 2019, 12:00'],
    ['2019-12-04T23:30:00Z', 'Asia/Kolkata', 'Thursday 5 December 2019, 05:00'],
    ['2027-03-28T00:59:00Z', 'Europe/London', 'Sunday 28 March 2027, 00:59'],
    ['2027-03-28T01:00:00Z', 'Europe/London', 'Sunday 28 March 2027, 02:00'],
  ])('%s in %s is %s', (iso, name, text) => {
    expect(longDateTime(DateTime.fromISO(iso), zone(name))).toBe(text);
  });

  it('writes what luxon writes, in any zone, at any minute, across DST changes', () => {
    const zones = ['UTC', 'Europe/London', 'America/Bogota', 'America/Sao_Paulo', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'].map(zone);
    const instants = fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => DateTime.fromMillis(ms - (ms % 60_000), { zone: 'utc' }));
    fc.assert(
      fc.property(instants, fc.constantFrom(...zones), (instant, place) => {
        expect(longDateTime(instant, place)).toBe(instant.setZone(place).toFormat('cccc d LLLL yyyy, HH:mm', { locale: 'en-GB' }));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a zone Intl has no name for (a fixed offset) through luxon', () => {
    expect(longDateTime(DateTime.fromISO('2019-12-04T12:00:00Z'), FixedOffsetZone.instance(-300))).toBe('Wednesday 4 December 2019, 07:00');
  });
});

describe('an instant in UTC, ISO 8601', () => {
  it('is what luxon writes, whatever zone the instant is in', () => {
    const zones = ['UTC', 'Europe/London', 'America/Bogota', 'Asia/Kolkata'].map(zone);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1970, 0, 1), max: Date.UTC(2200, 0, 1) }), fc.constantFrom(...zones), (ms, place) => {
        const instant = DateTime.fromMillis(ms, { zone: place });
        expect(utcIso(instant)).toBe(instant.toUTC().toISO());
      }),
      { numRuns: 2000 },
    );
    expect(utcIso(DateTime.fromISO('2019-12-04T12:00', { zone: 'America/Bogota' }))).toBe('2019-12-04T17:00:00.000Z');
  });
});
