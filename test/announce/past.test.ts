import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { pastCircles, pastWarning } from '../../src/announce/past.js';
import { makeCircle } from '../invites/fixtures.js';

const first = makeCircle();
const second = makeCircle({ id: 'health-outcomes', number: 2, start: '2019-12-04T12:00', end: '13:15' });
const cancelled = makeCircle({ id: 'supplier-engagement', number: 3, start: '2019-11-21T13:00', status: 'cancelled' });
const HINT = 'if one moved, change its start; if it did not take place, set status: cancelled (an archive needs nothing)';

describe('past circles of an announcement', () => {
  it.each([
    { now: '2019-11-01T00:00:00Z', past: [] },
    { now: '2019-11-06T08:30:00Z', past: [{ id: 'making-a-case', when: 'Wednesday 6 November 2019, 08:30 GMT' }] },
    { now: '2020-01-01T00:00:00Z', past: [{ id: 'making-a-case', when: 'Wednesday 6 November 2019, 08:30 GMT' }, { id: 'health-outcomes', when: 'Wednesday 4 December 2019, 12:00 GMT' }] },
  ])('at $now: $past.length past, a cancelled circle never', ({ now, past }) => {
    expect(pastCircles([first, cancelled, second], DateTime.fromISO(now))).toEqual(past);
  });

  it.each([
    { past: [], warning: undefined },
    {
      past: [{ id: 'making-a-case', when: 'Wednesday 6 November 2019, 08:30 GMT' }],
      warning: { warning: 'a circle has started but is still scheduled; this announcement offers it as if to come:\n  making-a-case: Wednesday 6 November 2019, 08:30 GMT', hint: HINT },
    },
    {
      past: [
        { id: 'making-a-case', when: 'Wednesday 6 November 2019, 08:30 GMT' },
        { id: 'health-outcomes', when: 'Wednesday 4 December 2019, 12:00 GMT' },
      ],
      warning: {
        warning: '2 circles have started but are still scheduled; this announcement offers them as if to come:\n  making-a-case: Wednesday 6 November 2019, 08:30 GMT\n  health-outcomes: Wednesday 4 December 2019, 12:00 GMT',
        hint: HINT,
      },
    },
  ])('warns of $past.length past circles in one sentence', ({ past, warning }) => {
    expect(pastWarning(past)).toEqual(warning);
  });
});
