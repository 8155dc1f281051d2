import type { DateTime } from 'luxon';
import { failure, success, type Result } from '../failure.js';
import type { ResolvedCircle } from '../model/circle.js';
import { isValidEmail } from '../model/email.js';

/* The rules of the mail commands' options, checked before anything is read or sent. */

/** `--rate 5/s` or `--rate 0.5`: messages a second; undefined when not given. */
export function parseRate(text: string | undefined): Result<number | undefined> {
  if (text === undefined) return success(undefined);
  const match = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(text.trim());
  if (!match || Number(match[1]) <= 0) return failure('usage', `--rate "${text}" is not a rate`, 'give messages per second, e.g. --rate 5/s');
  return success(Number(match[1]));
}

/** --test-to takes an address; --lang only picks the language of its samples. */
export function checkSamples(testTo: string | undefined, lang: string | undefined): Result<void> {
  if (testTo !== undefined && !isValidEmail(testTo)) return failure('usage', `--test-to "${testTo}" is not an email address`);
  if (lang !== undefined && testTo === undefined) {
    return failure('usage', '--lang picks the language of the --test-to samples', 'add --test-to <your address>; without it, everyone gets mail in the language they signed up with');
  }
  return success(undefined);
}

/** `--recording`: an http(s) link, normalised. */
export function recordingLink(text: string): Result<string> {
  if (!URL.canParse(text)) return failure('usage', `--recording "${text}" is not a link`, 'give the http(s) link of the recording');
  const url = new URL(text);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failure('usage', '--recording must be an http(s) link');
  return success(url.href);
}

/** A recording exists only once the session is over: before that, the link would be a promise. */
export function recordingDue(resolved: ResolvedCircle, now: DateTime): Result<void> {
  if (resolved.end <= now) return success(undefined);
  const ends = resolved.end.setZone(resolved.zone).toFormat('yyyy-MM-dd HH:mm');
  return failure(
    'input',
    `${resolved.circle.id} has not ended yet: it ends ${ends} ${resolved.zoneLabel}, so there is no recording to send`,
    `run \`circle followup ${resolved.circle.id} --recording <url>\` after the session`,
  );
}

/** The recording a circle's follow-up sends: `--recording` when given, else the circle file's `recording_url`. */
export function recordingOf(resolved: ResolvedCircle, given: string | undefined): Result<string> {
  const url = given ?? resolved.circle.recording_url;
  if (url !== undefined) return success(url);
  const { id } = resolved.circle;
  return failure('usage', `${id} has no recording link`, `add recording_url: <link> to circles/${id}.yaml once the recording is up, or give --recording <url>`);
}
