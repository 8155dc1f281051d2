import { describe, expect, it } from 'vitest';
import { resolveZone } from '../../src/model/time.js';
import { describeEnd, describeStart, readEnd, readStart } from '../../src/model/typed-time.js';

const zone = (name: string) => {
  const resolved = resolveZone(name);
  if (!resolved.ok) throw new Error(resolved.reason);
  return resolved.value;
};

describe('a start as typed', () => {
  it.each([
    ['2019-12-04T09:30', '2019-12-04T09:30'],
    ['2019-12-04 09:30', '2019-12-04T09:30'],
    ['2019-12-04 9:30', '2019-12-04T09:30'],
    ['2019-12-4 9.30', '2019-12-04T09:30'],
    ['2019/12/04 9h30', '2019-12-04T09:30'],
    ['2019-12-04 9:30am', '2019-12-04T09:30'],
    ['2019-12-04 9:30 pm', '2019-12-04T21:30'],
    ['2019-12-04 9:30 P.M.', '2019-12-04T21:30'],
    ['2019-12-04 2pm', '2019-12-04T14:00'],
    ['2019-12-04 12am', '2019-12-04T00:00'],
    ['2019-12-04 14h', '2019-12-04T14:00'],
    ['2019-12-04 noon', '2019-12-04T12:00'],
    ['4 Dec 2019 9:30', '2019-12-04T09:30'],
    ['4 Dec. 2019, 9:30', '2019-12-04T09:30'],
    ['4 December 2019 9:30', '2019-12-04T09:30'],
    ['December 4, 2019 9:30', '2019-12-04T09:30'],
    ['December 4th, 2019 at 2:15 pm', '2019-12-04T14:15'],
    ['Dec. 4th, 2019, 10 AM', '2019-12-04T10:00'],
    ['Wednesday, 4 December 2019, 9:30', '2019-12-04T09:30'],
    ['4 Sep 2019 10:00', '2019-09-04T10:00'],
    ['4 Sept 2019 10:00', '2019-09-04T10:00'],
    ['4 diciembre 2019 14h', '2019-12-04T14:00'],
    ['4 dic 2019 14:00', '2019-12-04T14:00'],
    ['4 de diciembre de 2019 a las 2 p. m.', '2019-12-04T14:00'],
    ['miércoles 4 de diciembre de 2019, 14:00', '2019-12-04T14:00'],
    ['13/12/2019 9:30', '2019-12-13T09:30'],
    ['12/13/2019 9:30', '2019-12-13T09:30'],
    ['4/4/2019 9:30', '2019-04-04T09:30'],
  ])('reads %s as %s', (text, canonical) => {
    expect(readStart(text)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    ['4/12/2019 9:30', '"4/12/2019" could be 4 December or 12 April 2019: write the month as a word (4 Dec 2019) or the year first (2019-12-04)'],
    ['4.12.2019 9:30', '"4.12.2019" could be 4 December or 12 April 2019: write the month as a word (4 Dec 2019) or the year first (2019-12-04)'],
    ['2019-11-31T10:00', '2019-11-31 is not a date: November 2019 has 30 days'],
    ['2019-11-31 10:00', '2019-11-31 is not a date: November 2019 has 30 days'],
    ['31 Nov 2019 10:00', '31 Nov 2019 is not a date: November 2019 has 30 days'],
    ['31/11/2019 10:00', '31/11/2019 is not a date: November 2019 has 30 days'],
    ['2019-12-04 25:00', '25:00 is not a time of day: hours go to 23 and minutes to 59'],
    ['Thursday 4 December 2019 9:30', 'Thursday 4 December 2019 is not a date: 4 December 2019 is a Wednesday'],
    ['4 Dec 2019', '"4 Dec 2019" has no time of day: add one, e.g. 4 Dec 2019 9:30'],
    ['9:30', '"9:30" has no date: add one, e.g. 2019-12-04 9:30'],
    ['4 Dec 19 9:30', '"4 Dec 19 9:30" is not a date and time: write it like 2019-12-04 9:30, 4 Dec 2019 2pm or 4 diciembre 2019 14h'],
    ['tomorrow', '"tomorrow" is not a date and time: write it like 2019-12-04 9:30, 4 Dec 2019 2pm or 4 diciembre 2019 14h'],
  ])('refuses %s', (text, reason) => {
    expect(readStart(text)).toEqual({ ok: false, reason });
  });
});

describe('an end as typed', () => {
  it.each([
    ['10:45', '10:45'],
    ['9:30', '09:30'],
    ['10.45', '10:45'],
    ['10h45', '10:45'],
    ['10:45am', '10:45'],
    ['11pm', '23:00'],
    ['14h', '14:00'],
    ['noon', '12:00'],
    ['2019-12-05 0:30', '2019-12-05T00:30'],
    ['5 Dec 2019 00:30', '2019-12-05T00:30'],
  ])('reads %s as %s', (text, canonical) => {
    expect(readEnd(text)).toEqual({ ok: true, value: canonical });
  });

  it.each([
    ['24:00', '24:00 is not a time of day: hours go to 23 and minutes to 59'],
    ['5 Dec 2019', '"5 Dec 2019" has no time of day: write the end like 13:15, or a date and time'],
    ['later', '"later" is not a time: write it like 13:15, 1:15pm or 13h15, or a date and time'],
  ])('refuses %s', (text, reason) => {
    expect(readEnd(text)).toEqual({ ok: false, reason });
  });
});

describe('saying back what was read', () => {
  it.each([
    ['2019-12-04T09:30', 'Europe/London', 'Wednesday 4 December 2019, 09:30 Europe/London (GMT)'],
    ['2019-07-04T09:30', 'Europe/London', 'Thursday 4 July 2019, 09:30 Europe/London (BST)'],
    ['2019-12-04T09:30', 'GMT', 'Wednesday 4 December 2019, 09:30 GMT'],
    ['2019-12-04T09:30', 'America/Bogota', 'Wednesday 4 December 2019, 09:30 America/Bogota (GMT-5)'],
    ['2019-03-31T01:30', 'Europe/London', undefined],
  ])('the start %s in %s', (start, name, text) => {
    expect(describeStart(start, zone(name))).toBe(text);
  });

  it.each([
    ['2019-12-04T09:30', { end: '10:45' }, 'Europe/London', 'ends 10:45, 1h15m'],
    ['2019-12-04T09:30', { duration: '45m' }, 'GMT', 'ends 10:15, 45m'],
    ['2019-12-04T09:30', { duration: 'PT1H' }, 'GMT', 'ends 10:30, 1h'],
    ['2019-12-04T23:30', { duration: '1h30m' }, 'GMT', 'ends Thursday 5 December 2019, 01:00, 1h30m'],
    ['2019-12-04T23:30', { end: '2019-12-05T01:30' }, 'GMT', 'ends Thursday 5 December 2019, 01:30, 2h'],
    ['2019-03-31T00:30', { end: '03:00' }, 'Europe/London', 'ends 03:00, 1h30m'],
  ])('the end of %s, %o in %s', (start, ending, name, text) => {
    expect(describeEnd(start, ending, zone(name))).toBe(text);
  });
});
