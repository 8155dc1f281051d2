import { redact } from './smtp-settings.js';

/*
 * How addresses show in what the mail commands say: in full where the organiser must act on the
 * message, masked where they only recognise it, and never with the SMTP password.
 */

/** `ana@example.org` -> `a…@example.org`: enough to recognise in a summary, not a list of addresses in a log. */
export const mask = (email: string) => email.replace(/^(.)[^@]*/, '$1…');

/** Server answers often repeat the address (`550 <ana@example.org>: rejected`): shown masked, never with the password. */
export const scrub = (text: string, settings: { pass?: string }) =>
  redact(text, settings).replace(/[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g, mask);

/** "Ana Pérez <ana@example.org>": a message the organiser must act on names its person in full. */
export const named = (name: string | undefined, email: string) => (name ? `${name} <${email}>` : email);
