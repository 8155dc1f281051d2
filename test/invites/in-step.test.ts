import { describe, expect, it } from 'vitest';
import { candidateNames, keepInStep } from '../../src/invites/in-step.js';
import { planInviteFiles } from '../../src/invites/plan.js';
import { reconcile } from '../../src/invites/published.js';
import { makeCircle, SERIES } from './fixtures.js';

const CLINICS = { ...SERIES, slug: 'ocds-clinics', name: 'OCDS Clinics' };
const a = makeCircle();
const b = makeCircle({ id: 'health-outcomes', number: 2, start: '2019-12-04T12:00' });
const c = makeCircle({ id: 'ocds-field-mapping', number: 3, start: '2019-12-16T10:00' });
const clinic = makeCircle({ id: 'clinic-1', series: 'ocds-clinics' }, CLINICS);
const all = [a, b, c, clinic];
const ids = (circles: ReadonlyArray<{ circle: { id: string } }>) => circles.map((r) => r.circle.id);

describe('keeping the files written before in step', () => {
  it('looks for the feeds and circle files of the chosen circles’ series only', () => {
    expect(candidateNames(all, [b])).toEqual(['lift.ics', 'making-a-case.ics', 'health-outcomes.ics', 'ocds-field-mapping.ics']);
  });

  it.each([
    { what: 'nothing written before', chosen: [b], feed: false, before: [], feeds: [], publish: ['health-outcomes'], write: ['health-outcomes'], kept: [] },
    { what: 'a circle file written before, no feed', chosen: [b], feed: false, before: ['making-a-case.ics'], feeds: [], publish: ['health-outcomes'], write: ['health-outcomes'], kept: [] },
    {
      what: 'the feed written before',
      chosen: [b],
      feed: false,
      before: ['lift.ics', 'making-a-case.ics'],
      feeds: ['lift'],
      publish: ['making-a-case', 'health-outcomes', 'ocds-field-mapping'],
      write: ['health-outcomes', 'making-a-case'],
      kept: ['lift.ics', 'making-a-case.ics'],
    },
    {
      what: '--feed, with a circle file written before',
      chosen: [b],
      feed: true,
      before: ['ocds-field-mapping.ics'],
      feeds: ['lift'],
      publish: ['making-a-case', 'health-outcomes', 'ocds-field-mapping'],
      write: ['health-outcomes', 'ocds-field-mapping'],
      kept: ['ocds-field-mapping.ics'],
    },
    { what: 'another series’ feed written before', chosen: [clinic], feed: false, before: ['lift.ics'], feeds: [], publish: ['clinic-1'], write: ['clinic-1'], kept: [] },
  ])('$what', ({ chosen, feed, before, feeds, publish, write, kept }) => {
    const inStep = keepInStep(all, chosen, feed, new Set(before));
    expect({ feeds: [...inStep.feeds], publish: ids(inStep.toPublish), write: ids(inStep.toWrite), kept: inStep.kept }).toEqual({ feeds, publish, write, kept });
  });

  it('takes no file named like the series for its feed when a circle has that id', () => {
    const named = makeCircle({ id: 'lift', number: 4, start: '2020-01-08T10:00' });
    expect(keepInStep([a, named], [a], false, new Set(['lift.ics'])).feeds).toEqual(new Set());
  });
});

describe('the public files', () => {
  it('refuse a feed whose file would be a circle’s', async () => {
    const named = makeCircle({ id: 'lift', number: 4, start: '2020-01-08T10:00' });
    const { publications } = reconcile({}, [a, named], new Set(['making-a-case', 'lift']), a.start);
    expect(await planInviteFiles([a, named], [a], publications, { feed: true })).toEqual({
      ok: false,
      failure: { kind: 'input', message: 'the feed of series "lift" and circle "lift" would both be lift.ics', hint: 'give the circle another id' },
    });
  });
});
