import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { expect, it } from 'vitest';
import { unwrap } from '../../src/failure.js';
import { planInviteFiles } from '../../src/invites/plan.js';
import { reconcile } from '../../src/invites/published.js';
import type { ResolvedCircle } from '../../src/model/circle.js';
import type { CircleInput, Language } from '../../src/model/schema.js';
import { inEachMachineZone, MACHINE_OFFSETS, makeCircle, parseCalendar, physicalLines, SERIES } from './fixtures.js';

const triggerSeconds = (alarm: ICAL.Component | undefined) => (alarm?.getFirstPropertyValue('trigger') as ICAL.Duration | undefined)?.toSeconds();

const now = DateTime.fromISO('2019-10-01T09:00:00Z', { zone: 'utc' });

async function publicFiles(circles: ResolvedCircle[], options: { feed?: boolean; lang?: Language } = {}) {
  const { publications } = reconcile({}, circles, new Set(circles.map((c) => c.circle.id)), now);
  return unwrap(await planInviteFiles(circles, circles, publications, { feed: Boolean(options.feed), ...(options.lang ? { lang: options.lang } : {}) }));
}

async function onlyEvent(overrides: Partial<CircleInput> = {}, lang?: Language) {
  const [file] = await publicFiles([makeCircle(overrides)], lang ? { lang } : {});
  if (!file) throw new Error('no file');
  physicalLines(file.content);
  const { calendar, events } = parseCalendar(file.content);
  const [event] = events;
  if (!event || events.length !== 1) throw new Error('expected one event');
  return { text: file.content, calendar, event };
}

// [zone, local start, end or duration, expected UTC start, expected UTC end], worked out by hand.
const SESSIONS: Array<[string, string, Partial<CircleInput>, string, string]> = [
  ['GMT', '2019-11-06T08:30', { end: '09:45' }, '2019-11-06T08:30:00Z', '2019-11-06T09:45:00Z'],
  ['America/Bogota', '2019-11-06T08:30', { end: '09:45' }, '2019-11-06T13:30:00Z', '2019-11-06T14:45:00Z'],
  ['Asia/Kolkata', '2019-11-06T18:00', { duration: '75m' }, '2019-11-06T12:30:00Z', '2019-11-06T13:45:00Z'],
  ['Europe/London', '2019-10-23T10:00', { end: '11:15' }, '2019-10-23T09:00:00Z', '2019-10-23T10:15:00Z'],
  ['Europe/London', '2019-10-30T10:00', { end: '11:15' }, '2019-10-30T10:00:00Z', '2019-10-30T11:15:00Z'],
  ['Australia/Sydney', '2019-12-04T20:00', { duration: '1h15m' }, '2019-12-04T09:00:00Z', '2019-12-04T10:15:00Z'],
  ['America/Sao_Paulo', '2019-12-04T10:00', { end: '11:15' }, '2019-12-04T13:00:00Z', '2019-12-04T14:15:00Z'],
  // Across the change: 00:30 EDT to 03:00 EST is three and a half hours, not two and a half.
  ['America/New_York', '2019-11-03T00:30', { end: '2019-11-03T03:00' }, '2019-11-03T04:30:00Z', '2019-11-03T08:00:00Z'],
];

inEachMachineZone((machineZone) => {
  it('runs with that machine zone', () => {
    expect(new Date(2019, 0, 1).getTimezoneOffset()).toBe(MACHINE_OFFSETS[machineZone]);
  });

  it.each(SESSIONS)('a circle in %s at %s starts and ends at the right instants', async (zone, start, end, utcStart, utcEnd) => {
    const { event, text } = await onlyEvent({ timezone: zone, start, end: undefined, ...end });
    expect([event.start, event.end]).toEqual([utcStart, utcEnd]);
    expect(text).toContain(`DTSTART:${utcStart.replace(/[-:]/g, '')}\r\n`);
  });

  it('writes a public event: PUBLISH, stable UID, summary, description, sign-up URL, reminder, no link and no address', async () => {
    const { event, calendar, text } = await onlyEvent({ reminder: '30m' });
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//circle//Learning circles//EN');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBeNull();
    expect(text).not.toContain('X-PUBLISHED-TTL');
    expect(event).toMatchObject({
      uid: 'making-a-case@circles.example.org',
      sequence: 0,
      stamp: '2019-10-01T09:00:00Z',
      summary: 'Learning Circle #1: Making a case for open contracting',
      location: 'Zoom',
      url: 'https://forms.example.org/lift-1',
      status: 'CONFIRMED',
    });
    expect(event.description).toBe(
      [
        'We will talk about the common blockers to adopt open contracting.',
        'We will cover:\n- Common blockers\n- The business case',
        'Host: Hera Hussain (Open Contracting Partnership)\nInstigator: Sascha Haselmayer (CEO, Citymart)\nOrganiser: Lift Learning Circles',
        'Where: online, on Zoom\nThe session will be recorded.',
        'Sign up: https://forms.example.org/lift-1',
      ].join('\n\n'),
    );
    expect(event.alarms).toHaveLength(1);
    expect(event.alarms[0]?.getFirstPropertyValue('action')).toBe('DISPLAY');
    expect(triggerSeconds(event.alarms[0])).toBe(-30 * 60);
    expect(text).not.toMatch(/meet\.example\.org|mailto:|hera@example\.org|circles@example\.org|ORGANIZER|ATTENDEE/i);
    // Nothing may follow the alarm inside the event (Outlook).
    expect(text).toMatch(/END:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n$/);
  });

  it('takes the reminder from the series when the circle has none (default one hour)', async () => {
    const { event } = await onlyEvent();
    expect(triggerSeconds(event.alarms[0])).toBe(-60 * 60);
  });

  it('escapes commas and semicolons and keeps accents, and a name with a line break and a quote stays one clean name', async () => {
    const { event, text } = await onlyEvent({
      title: 'Supplier engagement, SMEs; and "data"',
      host: { name: 'Ana "la Jefa"\nPérez', org: 'Núñez; Asociados' },
    });
    expect(text).toContain('SUMMARY:Learning Circle #1: Supplier engagement\\, SMEs\\; and "data"\r\n');
    expect(event.summary).toBe('Learning Circle #1: Supplier engagement, SMEs; and "data"');
    expect(event.description).toContain("Host: Ana 'la Jefa' Pérez (Núñez; Asociados)\n");
  });

  it('folds a long Spanish description at 75 octets and unfolds to the same text', async () => {
    const summary =
      'Según la OMS, el vínculo entre mejores resultados en salud y sistemas de compras públicas más sólidos y transparentes es evidente; ' +
      'en esta sesión podrás conversar con colegas que están llevando el enfoque de la contratación abierta al sector de la salud. ' +
      '¿Qué señales indican que una licitación está diseñada para un único proveedor? ¡Aprenderemos juntos, año tras año!';
    const { event, text } = await onlyEvent({ language: 'es', title: 'Contratación abierta en salud: ¿por dónde empezar?', summary, topics: ['Señales de alerta', 'Compañías, consorcios y más'] });
    const lines = physicalLines(text);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(5);
    expect(lines.some((line) => new TextEncoder().encode(line).length === 75 || new TextEncoder().encode(line).length === 74)).toBe(true);
    expect(event.summary).toBe('Círculo de aprendizaje n.º 1: Contratación abierta en salud: ¿por dónde empezar?');
    expect(event.description.split('\n\n').slice(0, 2)).toEqual([summary, 'Hablaremos de:\n- Señales de alerta\n- Compañías, consorcios y más']);
    expect(event.description).toContain('Modera: Hera Hussain (Open Contracting Partnership)\nAbre la conversación: Sascha Haselmayer (CEO, Citymart)');
    expect(event.description).toContain('Dónde: en línea, por Zoom\nLa sesión se grabará.\n');
    expect(event.alarms[0]?.getFirstPropertyValue('description')).toBe('Recordatorio');
  });

  it('writes the text in the language asked for, from the translation, and says what language the session is in', async () => {
    const { event } = await onlyEvent({ translations: { es: { title: 'Cómo defender la contratación abierta', summary: 'Hablaremos de los obstáculos.' } } }, 'es');
    expect(event.summary).toBe('Círculo de aprendizaje n.º 1: Cómo defender la contratación abierta');
    expect(event.description).toMatch(/^Hablaremos de los obstáculos\.\n\n/);
    expect(event.description).toContain('Dónde: en línea, por Zoom\nLa sesión es en inglés. La sesión se grabará.');
    expect(event.description).toContain('Inscríbete: https://forms.example.org/lift-1');
  });

  it('cancels a circle in its public file: same UID, higher SEQUENCE, STATUS:CANCELLED, no reminder, no sign-up', async () => {
    const scheduled = makeCircle();
    const before = reconcile({}, [scheduled], new Set(['making-a-case']), now);
    const cancelled = makeCircle({ status: 'cancelled' });
    const after = reconcile(before.state, [cancelled], new Set(['making-a-case']), now.plus({ days: 3 }));
    const [file] = unwrap(await planInviteFiles([cancelled], [cancelled], after.publications, { feed: false }));
    const [event] = parseCalendar(file?.content ?? '').events;
    expect(event).toMatchObject({
      uid: 'making-a-case@circles.example.org',
      sequence: 1,
      stamp: '2019-10-04T09:00:00Z',
      status: 'CANCELLED',
      summary: 'Cancelled: Learning Circle #1: Making a case for open contracting',
      url: null,
    });
    expect(event?.description).toMatch(/^This circle is cancelled\.\n\n/);
    expect(event?.description).not.toContain('Sign up');
    expect(event?.alarms).toHaveLength(0);
  });

  it('writes a feed per series with every circle, X-WR-CALNAME and a refresh interval, and per-circle files without them', async () => {
    const circles = [
      makeCircle(),
      makeCircle({ id: 'supplier-engagement', number: 2, title: 'Supplier engagement', start: '2019-11-21T13:00', end: '14:15', status: 'cancelled' }),
    ];
    const files = await publicFiles(circles, { feed: true });
    expect(files.map((f) => [f.name, f.kind, f.ids])).toEqual([
      ['making-a-case.ics', 'circle', ['making-a-case']],
      ['supplier-engagement.ics', 'circle', ['supplier-engagement']],
      ['lift.ics', 'feed', ['making-a-case', 'supplier-engagement']],
    ]);
    const feed = files[2]?.content ?? '';
    physicalLines(feed);
    const { calendar, events } = parseCalendar(feed);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(SERIES.name);
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(feed).toContain('X-PUBLISHED-TTL:PT1H\r\n');
    expect(events.map((e) => [e.uid, e.start, e.status])).toEqual([
      ['making-a-case@circles.example.org', '2019-11-06T08:30:00Z', 'CONFIRMED'],
      ['supplier-engagement@circles.example.org', '2019-11-21T13:00:00Z', 'CANCELLED'],
    ]);
    expect(feed).not.toMatch(/meet\.example\.org|mailto:/i);
    for (const file of files.slice(0, 2)) expect(file.content).not.toMatch(/X-WR-CALNAME|X-PUBLISHED-TTL/);
  });

  it('is the same text whatever the machine zone (compared with a UTC rendering)', async () => {
    const circle = makeCircle({ timezone: 'America/New_York', start: '2019-11-03T00:30', end: '2019-11-03T03:00' });
    const here = (await publicFiles([circle]))[0]?.content;
    const saved = process.env.TZ;
    process.env.TZ = 'UTC';
    try {
      expect((await publicFiles([circle]))[0]?.content).toBe(here);
    } finally {
      process.env.TZ = saved;
    }
  });
});
