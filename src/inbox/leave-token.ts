import { createHmac, timingSafeEqual } from 'node:crypto';
import { failure, success, type Result } from '../failure.js';
import { emailKey } from '../model/email.js';

/*
 * The token in a "leave" mail's subject: `leave.<circle id>.<mac>`. The circle id is public (it is
 * in every announcement); the mac is an HMAC of the circle id and the address under the workspace
 * secret, so the token names neither the address nor the secret, and only the secret's holder can
 * make one for a given signup.
 */

/** 128 bits of HMAC-SHA256 in base64url: 22 characters, short enough for a subject line, too many to guess. */
const MAC_BYTES = 16;
const MAC_LENGTH = 22;

/** A token wherever it stands in a subject ("Re: Leave leave.x.y", "AW: ..."); it ends where base64url ends. */
const TOKEN_IN_TEXT = /\bleave\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/;

export interface LeaveToken {
  circle: string;
  mac: string;
}

// A domain prefix keeps these macs apart from any other use of the same secret.
const macOf = (secret: string, circle: string, email: string): Buffer =>
  createHmac('sha256', secret).update(`circle-leave\0${circle}\0${emailKey(email)}`).digest().subarray(0, MAC_BYTES);

const missingSecret = () =>
  failure('input', 'CIRCLE_SECRET is not set: leave links need a workspace secret', 'set CIRCLE_SECRET in the environment to a long random value (e.g. `openssl rand -base64 32`) and keep it the same for every run');

/** The token for one signup of one circle; the address is compared lower-cased, as everywhere. */
export function leaveToken(secret: string, circle: string, email: string): Result<string> {
  if (secret === '') return missingSecret();
  return success(`leave.${circle}.${macOf(secret, circle, email).toString('base64url')}`);
}

/** The token a subject carries, if any: the circle it names and its mac, not yet verified. */
export function findLeaveToken(subject: string): LeaveToken | undefined {
  const match = TOKEN_IN_TEXT.exec(subject);
  return match?.[1] && match[2] ? { circle: match[1], mac: match[2] } : undefined;
}

/** Whether `token` was made for this circle and address, compared in constant time. */
export function verifyLeaveToken(secret: string, token: LeaveToken, circle: string, email: string): boolean {
  if (secret === '' || token.circle !== circle || token.mac.length !== MAC_LENGTH) return false;
  const given = Buffer.from(token.mac, 'base64url');
  return given.length === MAC_BYTES && timingSafeEqual(given, macOf(secret, circle, email));
}

export interface LeaveLink {
  /** For the text and HTML of a mail: `mailto:<organiser>?subject=<token>`. */
  mailto: string;
  /** The `List-Unsubscribe` header value (RFC 2369): `<mailto:...>`. */
  listUnsubscribe: string;
}

/** The personal leave link of a signup: a mail to the organiser whose subject is the token. */
export function leaveLink(secret: string, organiser: string, circle: string, email: string): Result<LeaveLink> {
  const token = leaveToken(secret, circle, email);
  if (!token.ok) return token;
  // RFC 6068: an address keeps unreserved characters and some-delims; the rest (`%`, `?`, `&`, `=`...) is percent-encoded.
  const to = organiser.replace(/[^A-Za-z0-9._~!$'()*+,;:@-]/g, (c) => encodeURIComponent(c));
  const mailto = `mailto:${to}?subject=${encodeURIComponent(`Leave ${token.value}`)}`;
  return success({ mailto, listUnsubscribe: `<${mailto}>` });
}
