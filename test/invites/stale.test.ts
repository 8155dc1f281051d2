import { describe, expect, it } from 'vitest';
import { staleIn } from '../../src/invites/plan.js';
import type { PublishedState } from '../../src/invites/published.js';

/* Which circles a calendar file written before holds at an older SEQUENCE than is published now. */

const entry = (uid: string, sequence: number, number: number) => ({ uid, sequence, fingerprint: '0123456789abcdef', published: '2019-10-01T09:00:00Z', series: 'lift', number });
const STATE: PublishedState = {
  'making-a-case': entry('lift-1@circles.example.org', 0, 1),
  'supplier-engagement': entry('lift-2@circles.example.org', 2, 2),
  'health-outcomes': entry('lift-3@circles.example.org', 1, 3),
  'ocds-field-mapping': entry('lift-4@circles.example.org', 3, 4),
};

describe('calendar files out of date', () => {
  it.each([
    { name: 'a file of one circle, as published', held: [['lift-3@circles.example.org', 1]], stale: [] },
    { name: 'a file of one circle, older', held: [['lift-3@circles.example.org', 0]], stale: ['health-outcomes'] },
    { name: 'a file holding a later SEQUENCE (written by a newer run)', held: [['lift-3@circles.example.org', 2]], stale: [] },
    { name: 'a file of a circle never published', held: [['lift-9@circles.example.org', 0]], stale: [] },
    { name: 'a file with no events', held: [], stale: [] },
    {
      name: 'a feed: the stale ones in the order of the published state, whatever the order in the file',
      held: [['lift-4@circles.example.org', 1], ['lift-1@circles.example.org', 0], ['lift-2@circles.example.org', 0], ['lift-3@circles.example.org', 1]],
      stale: ['supplier-engagement', 'ocds-field-mapping'],
    },
  ] as Array<{ name: string; held: Array<[string, number]>; stale: string[] }>)('$name', ({ held, stale }) => {
    expect(staleIn(new Map(held), STATE)).toEqual(stale);
  });
});
