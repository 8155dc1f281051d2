import * as z from 'zod';
import { failure, success, type Result } from '../failure.js';
import { cleanEmail, isValidEmail } from './email.js';

/*
 * What a new workspace's series says about who mail comes from, its mailing list and its calendar
 * UID domain: checked as `circle init` takes them from flags or answers, never invented.
 */

export type Organizer = { name: string; email: string };

/** Why an answer is refused (for a question's check), or undefined. */
export const emailProblem = (text: string) => (isValidEmail(cleanEmail(text)) ? undefined : `"${text}" is not a valid email address`);
export const urlProblem = (text: string) => {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  return url && (url.protocol === 'https:' || url.protocol === 'http:') ? undefined : `"${text}" is not an http:// or https:// link`;
};
export const domainProblem = (text: string) => (z.regexes.domain.test(text) ? undefined : `"${text}" is not a domain name such as circles.example.org`);

/** The organizer of a name and an email, which go together; none without either. */
export function organizerOf(name: string | undefined, email: string | undefined): Result<Organizer | undefined> {
  if (!name && email === undefined) return success(undefined);
  if (!name || email === undefined) return failure('usage', '--organizer-name and --organizer-email go together', 'give both, e.g. --organizer-name "Lift Learning Circles" --organizer-email circles@example.org');
  const problem = emailProblem(email);
  if (problem) return failure('usage', `--organizer-email: ${problem}`, 'e.g. --organizer-email circles@example.org');
  return success({ name, email: cleanEmail(email) });
}

/** A mailing list link, when one is given. */
export function mailingListOf(url: string | undefined): Result<string | undefined> {
  if (!url) return success(undefined);
  const problem = urlProblem(url);
  return problem ? failure('usage', `--mailing-list-url: ${problem}`, 'e.g. --mailing-list-url https://lists.example.org/lift') : success(url);
}

/**
 * A domain of this workspace's own for calendar UIDs: the organizer's when there is one (the
 * domain RFC 5545 recommends), else one made of the series and a random label no other workspace
 * will have, so two organisers' "first-circle" never update each other's calendar entries.
 */
export const ownUidDomain = (series: string, organizer: Organizer | undefined, random: string) =>
  organizer ? (organizer.email.split('@').pop() as string).toLowerCase() : `${series}-${random}.invalid`;

/** The UID domain given, else the workspace's own; `made` when it was made up rather than the organizer's. */
export function uidDomainOf(given: string | undefined, own: string, organizer: Organizer | undefined): Result<{ domain: string; made: boolean }> {
  if (given) {
    const problem = domainProblem(given);
    if (problem) return failure('usage', `--uid-domain: ${problem}`, 'e.g. --uid-domain circles.example.org');
  }
  const domain = given || own;
  return success({ domain, made: !organizer && domain === own });
}
