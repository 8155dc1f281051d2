import type { Signup, Status } from '../../src/roster/types.js';

/** A signup as an import writes it: signed up on 28 Oct 2019 at 09:`minute`, from spreadsheet row `minute + 2`. */
export const signupAt = (email: string, minute: number, status: Status, extra: Partial<Signup> = {}): Signup => ({
  email,
  name: email.split('@')[0],
  language: 'en',
  signedUp: `2019-10-28T09:${String(minute).padStart(2, '0')}:00.000Z`,
  source: { via: 'import', import: 1 },
  row: minute + 2,
  status,
  statusChanged: '2019-10-29T00:00:00.000Z',
  ...extra,
});
