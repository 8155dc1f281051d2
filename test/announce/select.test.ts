import { describe, expect, it } from 'vitest';
import { selectAnnouncement } from '../../src/announce/select.js';
import type { Series } from '../../src/model/schema.js';
import { makeCircle, SERIES } from '../invites/fixtures.js';

const CLINICS: Series = { ...SERIES, slug: 'ocds-clinics', name: 'OCDS Clinics' };
const seriesMap = (...all: Series[]) => new Map(all.map((series) => [series.slug, { file: `circles/${series.slug}.series.yaml`, series }]));

const lift1 = makeCircle();
const lift2 = makeCircle({ id: 'health-outcomes', number: 2, start: '2019-12-04T12:00', language: 'es' });
const clinic = makeCircle({ id: 'clinic-1', series: 'ocds-clinics' }, CLINICS);
const circles = [lift1, lift2, clinic];

describe('choosing what to announce', () => {
  it.each([
    { what: 'the only series', map: seriesMap(SERIES), all: [lift1, lift2], ids: [], series: undefined, kind: 'series', chosen: ['making-a-case', 'health-outcomes'], lang: 'en' },
    { what: 'the series named', map: seriesMap(SERIES, CLINICS), all: circles, ids: [], series: 'ocds-clinics', kind: 'series', chosen: ['clinic-1'], lang: 'en' },
    { what: 'a reminder in its circle’s language', map: seriesMap(SERIES, CLINICS), all: circles, ids: ['health-outcomes'], series: undefined, kind: 'reminder', chosen: ['health-outcomes'], lang: 'es' },
    { what: 'a reminder of circles of two languages, in English', map: seriesMap(SERIES), all: [lift1, lift2], ids: ['health-outcomes', 'making-a-case'], series: 'lift', kind: 'reminder', chosen: ['making-a-case', 'health-outcomes'], lang: 'en' },
  ])('$what', ({ map, all, ids, series, kind, chosen, lang }) => {
    const selection = selectAnnouncement(all, map, { ids, series });
    if (!selection.ok) throw new Error(selection.failure.message);
    expect([selection.value.kind, selection.value.circles.map((c) => c.circle.id), selection.value.defaultLang]).toEqual([kind, chosen, lang]);
  });

  it.each([
    { map: seriesMap(SERIES, CLINICS), ids: [], series: undefined, kind: 'usage', message: 'this workspace has 2 series: lift, ocds-clinics', hint: 'pick one with --series, e.g. circle announce --series lift' },
    { map: seriesMap(SERIES), ids: [], series: 'lfit', kind: 'usage', message: 'no series "lfit"', hint: 'did you mean "lift"? series here: lift' },
    { map: seriesMap(SERIES, { ...CLINICS, slug: 'empty' }), ids: [], series: 'empty', kind: 'input', message: 'series "empty" has no circles yet', hint: 'add one with `circle add`' },
    { map: seriesMap(SERIES, CLINICS), ids: ['health-outcome'], series: undefined, kind: 'usage', message: 'no circle "health-outcome"', hint: 'did you mean "health-outcomes"?' },
    { map: seriesMap(SERIES, CLINICS), ids: ['clinic-1', 'health-outcomes'], series: undefined, kind: 'usage', message: 'these circles belong to different series (lift, ocds-clinics)', hint: 'announce the circles of one series at a time' },
    { map: seriesMap(SERIES, CLINICS), ids: ['clinic-1'], series: 'lift', kind: 'usage', message: 'circle "clinic-1" is in series "ocds-clinics", not "lift"', hint: 'leave out --series, or name circles of that series' },
  ])('refuses $ids with --series $series: $message', ({ map, ids, series, kind, message, hint }) => {
    expect(selectAnnouncement(circles, map, { ids, series })).toEqual({ ok: false, failure: { kind, message, hint } });
  });
});
