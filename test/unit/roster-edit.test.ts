import { describe, expect, it } from 'vitest';
import { editPerson, type Correction } from '../../src/roster/edit.js';
import type { Roster, Signup } from '../../src/roster/types.js';

const signup = (email: string, over: Partial<Signup> = {}): Signup => ({
  status: 'confirmed',
  name: 'Ana Example',
  email,
  language: 'en',
  signedUp: '2019-10-28T09:00:00.000Z',
  statusChanged: '2019-10-28T09:00:00.000Z',
  source: { via: 'import', file: 'responses.csv', import: 1 },
  ...over,
});
const roster: Roster = {
  circle: 'c',
  lastImport: 1,
  signups: [signup('ana@example.org', { status: 'cancelled' }), signup('ben@example.org', { name: 'Ben Example' }), signup('ana@example.org', { signedUp: '2019-10-29T09:00:00.000Z' })],
  removed: [],
};

describe('editPerson', () => {
  it.each<{ email: string; correction: Correction; failure: { kind: string; message: string; hint: string } }>([
    { email: 'ana@example.org', correction: {}, failure: { kind: 'usage', message: 'nothing to correct', hint: 'give --email, --name or --lang' } },
    { email: 'zed@example.org', correction: { name: 'Zed' }, failure: { kind: 'input', message: 'zed@example.org is not on the roster of c', hint: 'see who is: circle signups list c' } },
    { email: 'ana@example.org', correction: { email: 'BEN@example.org' }, failure: { kind: 'input', message: 'ben@example.org is already on the roster of c', hint: 'cancel or remove one of them instead: circle signups list c' } },
  ])('refuses $correction for $email', ({ email, correction, failure }) => {
    expect(editPerson(roster, email, correction)).toEqual({ ok: false, failure });
  });

  it.each<{ correction: Correction; after: Partial<Signup> }>([
    { correction: { email: 'ana.p@example.org' }, after: { email: 'ana.p@example.org', name: 'Ana Example', language: 'en' } },
    { correction: { name: 'Ana Pérez', language: 'es' }, after: { email: 'ana@example.org', name: 'Ana Pérez', language: 'es' } },
    { correction: { email: 'ANA@example.org' }, after: { email: 'ANA@example.org' } },
  ])('corrects every signup of the person: $correction', ({ correction, after }) => {
    const result = editPerson(roster, 'Ana@Example.org', correction);
    if (!result.ok) throw new Error(result.failure.message);
    expect(result.value.before).toBe(roster.signups[2]);
    expect(result.value.after).toMatchObject({ ...after, status: 'confirmed', signedUp: '2019-10-29T09:00:00.000Z' });
    expect(result.value.roster.signups.map((s) => s.email)).toEqual([after.email, 'ben@example.org', after.email]);
    expect(result.value.roster.signups[0]).toMatchObject({ ...after, status: 'cancelled' });
  });
});
