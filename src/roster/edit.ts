import { failure, success, type Result } from '../failure.js';
import { emailKey } from '../model/email.js';
import type { Language } from '../model/schema.js';
import type { Roster, Signup } from './types.js';

/*
 * Correcting a person's details (a typo in the address or name, the language they want mail in):
 * every signup of theirs in the roster, cancelled ones too, so the history stays one person's.
 * Their place, status and signup time do not change.
 */

export interface Correction {
  email?: string;
  name?: string;
  language?: Language;
}

export interface Edit {
  roster: Roster;
  before: Signup;
  after: Signup;
}

export function editPerson(roster: Roster, email: string, correction: Correction): Result<Edit> {
  if (correction.email === undefined && correction.name === undefined && correction.language === undefined) {
    return failure('usage', 'nothing to correct', 'give --email, --name or --lang');
  }
  const key = emailKey(email);
  const theirs = roster.signups.filter((s) => emailKey(s.email) === key);
  const latest = theirs.at(-1);
  if (!latest) return failure('input', `${email} is not on the roster of ${roster.circle}`, `see who is: circle signups list ${roster.circle}`);
  if (correction.email !== undefined && emailKey(correction.email) !== key) {
    const other = roster.signups.find((s) => emailKey(s.email) === emailKey(correction.email as string));
    // Two signups of one address would be one person: joining them is not a correction.
    if (other) return failure('input', `${other.email} is already on the roster of ${roster.circle}`, `cancel or remove one of them instead: circle signups list ${roster.circle}`);
  }
  const fix = (signup: Signup): Signup => ({
    ...signup,
    ...(correction.email !== undefined ? { email: correction.email } : {}),
    ...(correction.name !== undefined ? { name: correction.name } : {}),
    ...(correction.language !== undefined ? { language: correction.language } : {}),
  });
  const fixed = new Map(theirs.map((s) => [s, fix(s)]));
  return success({ roster: { ...roster, signups: roster.signups.map((s) => fixed.get(s) ?? s) }, before: latest, after: fixed.get(latest) as Signup });
}
