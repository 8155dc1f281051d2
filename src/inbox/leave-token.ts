import { createHmac, timingSafeEqual } from 'node:crypto';
import { failure, success, type Result } from '../failure.js';
import { emailKey } from '../model/email.js';

/*
 * The tokens in the subject of a mail a person sends by a link: `leave.<circle id>.<mac>` gives up
 * their place, `claim.<circle id>.<mac>` claims a seat offered to them. The circle id is public (it
 * is in every announcement); the mac is an HMAC of the purpose, the circle id and the address under
 * the workspace secret, so the token names neither the address nor the secret, only the secret's
 * holder can make one for a given signup, and a leave token never passes for a claim.
 */

export type Purpose = 'leave' | 'claim';

/** 128 bits of HMAC-SHA256 in base64url: 22 characters, short enough for a subject line, too many to guess. */
const MAC_BYTES = 16;
const MAC_LENGTH = 22;

/** A token wherever it stands in a subject ("Re: Leave leave.x.y", "AW: ..."); it ends where base64url ends. */
const TOKEN_IN_TEXT: Record<Purpose, RegExp> = {
  leave: /\bleave\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/,
  claim: /\bclaim\.([a-z0-9]+(?:-[a-z0-9]+)*)\.([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])/,
};

/** The word the link's subject starts with, before the token. */
const SUBJECT: Record<Purpose, string> = { leave: 'Leave', claim: 'Claim' };

export interface LeaveToken {
  circle: string;
  mac: string;
}
/** A claim token has the same parts; only its purpose (and so its mac) differs. */
export type ClaimToken = LeaveToken;

// A domain prefix per purpose keeps these macs apart from each other and from any other use of the same secret.
const macOf = (secret: string, purpose: Purpose, circle: string, email: string): Buffer =>
  createHmac('sha256', secret).update(`circle-${purpose}\0${circle}\0${emailKey(email)}`).digest().subarray(0, MAC_BYTES);

const missingSecret = (purpose: Purpose) =>
  failure('input', `CIRCLE_SECRET is not set: ${purpose} links need a workspace secret`, 'set CIRCLE_SECRET in the environment to a long random value (e.g. `openssl rand -base64 32`) and keep it the same for every run');

/** The token for one purpose and one signup of one circle; the address is compared lower-cased, as everywhere. */
export function mailToken(secret: string, purpose: Purpose, circle: string, email: string): Result<string> {
  if (secret === '') return missingSecret(purpose);
  return success(`${purpose}.${circle}.${macOf(secret, purpose, circle, email).toString('base64url')}`);
}

/** The token of this purpose a subject carries, if any: the circle it names and its mac, not yet verified. */
export function findMailToken(subject: string, purpose: Purpose): LeaveToken | undefined {
  const match = TOKEN_IN_TEXT[purpose].exec(subject);
  return match?.[1] && match[2] ? { circle: match[1], mac: match[2] } : undefined;
}

/** Whether `token` was made for this purpose, circle and address, compared in constant time. */
export function verifyMailToken(secret: string, purpose: Purpose, token: LeaveToken, circle: string, email: string): boolean {
  if (secret === '' || token.circle !== circle || token.mac.length !== MAC_LENGTH) return false;
  const given = Buffer.from(token.mac, 'base64url');
  return given.length === MAC_BYTES && timingSafeEqual(given, macOf(secret, purpose, circle, email));
}

export interface LeaveLink {
  /** For the text and HTML of a mail: `mailto:<organiser>?subject=<token>`. */
  mailto: string;
  /** The `List-Unsubscribe` header value (RFC 2369): `<mailto:...>`. */
  listUnsubscribe: string;
}

/** A personal link of a signup: a mail to the organiser whose subject is the token. */
export function mailLink(secret: string, purpose: Purpose, organiser: string, circle: string, email: string): Result<LeaveLink> {
  const token = mailToken(secret, purpose, circle, email);
  if (!token.ok) return token;
  // RFC 6068: an address keeps unreserved characters and some-delims; the rest (`%`, `?`, `&`, `=`...) is percent-encoded.
  const to = organiser.replace(/[^A-Za-z0-9._~!$'()*+,;:@-]/g, (c) => encodeURIComponent(c));
  const mailto = `mailto:${to}?subject=${encodeURIComponent(`${SUBJECT[purpose]} ${token.value}`)}`;
  return success({ mailto, listUnsubscribe: `<${mailto}>` });
}

export const leaveToken = (secret: string, circle: string, email: string) => mailToken(secret, 'leave', circle, email);
export const findLeaveToken = (subject: string) => findMailToken(subject, 'leave');
export const verifyLeaveToken = (secret: string, token: LeaveToken, circle: string, email: string) => verifyMailToken(secret, 'leave', token, circle, email);
/** The personal leave link of a signup. */
export const leaveLink = (secret: string, organiser: string, circle: string, email: string) => mailLink(secret, 'leave', organiser, circle, email);
