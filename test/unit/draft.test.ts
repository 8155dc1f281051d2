import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { answerErrors, circleDraft, draftDefaults, missingAnswers, passedStart, type CircleAnswers, type DraftDefaults } from '../../src/model/draft.js';
import { seriesSchema, type Series } from '../../src/model/schema.js';
import { fieldName } from '../../src/validate/problem.js';

const organizer = { name: 'Lift Team', email: 'circles@example.org' };
const lift: Series = seriesSchema.parse({ slug: 'lift', name: 'Lift', uid_domain: 'example.org', timezone: 'Europe/London', organizer });
const series = new Map([['lift', lift]]);
const defaults: DraftDefaults = { series: 'lift', number: 4, timezone: 'Europe/London', organizer };
const given: CircleAnswers = { title: ' Making a Case ', start: '2030-03-05T14:00', duration: '90m', hostName: 'Ana Pérez' };

describe('the circle draft', () => {
  const cases: Array<{ name: string; answers: CircleAnswers; expected: Record<string, unknown> }> = [
    {
      name: 'defaults fill what was not given, the id comes from the title',
      answers: given,
      expected: { id: 'making-a-case', series: 'lift', number: 4, title: 'Making a Case', language: 'en', timezone: 'Europe/London', capacity: 20, recorded: true, status: 'scheduled', organizer: undefined, translations: undefined },
    },
    {
      name: 'numbers typed as flags become numbers, other text stays for the schema to refuse',
      answers: { ...given, number: ' 7 ', capacity: 'twelve' },
      expected: { number: 7, capacity: 'twelve' },
    },
    {
      name: 'an organizer the same as the series one (address in another case) is left to the series',
      answers: { ...given, organizerName: 'Lift Team', organizerEmail: 'Circles@Example.org' },
      expected: { organizer: undefined },
    },
    {
      name: 'an organizer of its own is kept, its address cleaned',
      answers: { ...given, organizerName: 'Ben', organizerEmail: ' ben@example.org ' },
      expected: { organizer: { name: 'Ben', email: 'ben@example.org' } },
    },
    {
      name: 'instigators are name|org|role, empty parts left out',
      answers: { ...given, instigator: ['Cleo | | host', 'Dan|Acme|'] },
      expected: { instigators: [{ name: 'Cleo', role: 'host' }, { name: 'Dan', org: 'Acme' }] },
    },
    {
      name: 'a start typed in another form is written in the form of the file',
      answers: { ...given, start: '5 March 2030 14:00' },
      expected: { start: '2030-03-05T14:00' },
    },
    {
      name: 'translations appear only for the languages given',
      answers: { ...given, esTitle: 'Defender un caso', esTopic: [] },
      expected: { translations: { es: { title: 'Defender un caso' } } },
    },
  ];
  it.each(cases)('$name', ({ answers, expected }) => {
    expect(circleDraft(answers, defaults)).toMatchObject(expected);
  });
});

describe('the defaults a new circle takes from its series', () => {
  const circles = [{ series: 'lift', number: 2 }, { series: 'lift', number: 7 }, { series: 'other', number: 12 }];
  const cases: Array<{ name: string; slug: string | undefined; expected: DraftDefaults }> = [
    { name: 'the number after the series\' highest, its zone and organizer', slug: 'lift', expected: { series: 'lift', number: 8, timezone: 'Europe/London', organizer } },
    { name: 'the first circle of a series is number 1', slug: 'new', expected: { series: 'new', number: 1, timezone: undefined, organizer: undefined } },
    { name: 'no series chosen yet', slug: undefined, expected: { series: undefined, number: 1, timezone: undefined, organizer: undefined } },
  ];
  it.each(cases)('$name', ({ slug, expected }) => {
    expect(draftDefaults(slug, slug === 'lift' ? lift : undefined, circles)).toEqual(expected);
  });
});

describe('the answers a draft still needs', () => {
  const cases: Array<{ answers: CircleAnswers; seriesCount: number; expected: string[][] }> = [
    { answers: given, seriesCount: 1, expected: [] },
    { answers: {}, seriesCount: 1, expected: [['title'], ['start'], ['end', 'duration'], ['hostName']] },
    { answers: { ...given, title: '  ' }, seriesCount: 2, expected: [['title'], ['series']] },
    { answers: { ...given, duration: undefined, end: '2030-03-05T15:30' }, seriesCount: 2, expected: [['series']] },
  ];
  it.each(cases)('%#', ({ answers, seriesCount, expected }) => {
    expect(missingAnswers(answers, seriesCount)).toEqual(expected);
  });
});

describe('the errors of the answers, as circle validate gives them', () => {
  const cases: Array<{ name: string; answers: CircleAnswers; expected: string[] }> = [
    { name: 'a complete circle', answers: given, expected: [] },
    { name: 'a start that cannot be read is named once', answers: { ...given, start: 'next tuesday' }, expected: ['start'] },
    { name: 'an unknown series', answers: { ...given, series: 'lfit' }, expected: ['series'] },
    { name: 'a capacity that is not a number', answers: { ...given, capacity: 'twelve' }, expected: ['capacity'] },
    { name: 'a host address that is not one', answers: { ...given, hostEmail: 'ana at example.org' }, expected: ['host.email'] },
  ];
  it.each(cases)('$name', ({ answers, expected }) => {
    expect(answerErrors(answers, defaults, series).map((f) => fieldName(f.path))).toEqual(expected);
  });
});

describe('a start that has passed (on 3 December 2026)', () => {
  const cases: Array<{ start: string | undefined; timezone: string | undefined; expected: string | undefined }> = [
    { start: '2019-12-04T09:30', timezone: 'GMT', expected: 'Wednesday 4 December 2019, 09:30 GMT' },
    { start: '2020-01-15T16:00', timezone: 'America/Bogota', expected: 'Wednesday 15 January 2020, 16:00 America/Bogota' },
    { start: '2999-12-04T09:30', timezone: 'Europe/London', expected: undefined },
    { start: '2019-12-04T09:30', timezone: 'Nowhere/Else', expected: undefined },
    { start: undefined, timezone: 'Europe/London', expected: undefined },
  ];
  it.each(cases)('$start in $timezone', ({ start, timezone, expected }) => {
    expect(passedStart(start, timezone, DateTime.fromISO('2026-12-03T14:00:00Z'))).toBe(expected);
  });
});
