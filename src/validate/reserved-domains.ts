import { BlockList, isIP } from 'node:net';
import { warning, type Finding } from './problem.js';

/*
 * Names reserved for examples and tests (RFC 2606, RFC 6761): nothing is delivered there. A setting
 * that reaches people and still names one is a placeholder nobody replaced: replies to such an
 * organiser, or a sign-up link there, can never arrive.
 */

const RESERVED = ['example.org', 'example.com', 'example.net', 'test', 'invalid', 'example', 'localhost'];

/** The reserved name a host (or the domain of an address, or the host of a link) falls under, if any: "example.org", ".test". */
export function reservedDomain(text: string): string | undefined {
  const host = hostOf(text).toLowerCase().replace(/\.$/, '');
  const name = RESERVED.find((reserved) => host === reserved || host.endsWith(`.${reserved}`));
  return name === undefined || name.includes('.') || name === 'localhost' ? name : `.${name}`;
}

/** `ana@example.org` -> example.org; `https://forms.example.org/x` -> forms.example.org; a domain as it is. */
function hostOf(text: string): string {
  const trimmed = text.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
    try {
      return new URL(trimmed).hostname;
    } catch {
      return trimmed;
    }
  }
  const at = trimmed.lastIndexOf('@');
  return at < 0 ? trimmed : trimmed.slice(at + 1);
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The SMTP server is this machine (by its name or address as given, never looked up): a test server, where mail from an example organiser is fine. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const version = isIP(name);
  return version !== 0 && LOOPBACK.check(name, version === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Whether mail may go from `from` through `smtpHost`: not from a reserved domain through a real
 * server. The refusal names the setting (`setting`) that holds the address.
 */
export function senderRefusal(from: string, smtpHost: string, setting: string): { message: string; hint: string } | undefined {
  const reserved = reservedDomain(from);
  if (reserved === undefined || isLoopback(smtpHost)) return undefined;
  return {
    message: `mail would come from ${from} (${setting}), a domain reserved for examples (${reserved}): replies and calendar answers could never arrive`,
    hint: `put the organiser's real address in ${setting}; nothing was sent`,
  };
}

type Raw = Record<string, unknown>;
const REACHING: Record<string, { what: string; hint: string; unless?: string }> = {
  'organizer.email': { what: 'replies to mail from it could never arrive', hint: "put the organiser's real address here: the mail commands refuse to send from it through a real server" },
  // Ids need only be unique, not reachable: the `<series>-<random>.invalid` that init makes is fine.
  uid_domain: { what: 'every copy of the examples shares these calendar event ids', hint: 'set it to a domain of yours before the first invitations go out (never change it after)', unless: '.invalid' },
  mailing_list_url: { what: 'nobody can reach that link', hint: 'put the real mailing-list link here' },
  // Goes out in every invitation, seat and reminder mail: a dead link there leaves the seated outside.
  meeting_url: { what: 'nobody can join the session there', hint: 'put the real meeting link here before invitations go out' },
  signup_url: { what: 'nobody can sign up there', hint: 'put the real sign-up form link here' },
};

/** Warnings for the settings of a circle or series file that reach people and still name an example domain. */
export function reservedSettingFindings(raw: Raw): Finding[] {
  const findings: Finding[] = [];
  for (const [field, { what, hint, unless }] of Object.entries(REACHING)) {
    const path = field.split('.');
    const value = path.reduce<unknown>((node, key) => (node as Raw | undefined)?.[key], raw);
    const reserved = typeof value === 'string' ? reservedDomain(value) : undefined;
    if (reserved && reserved !== unless) findings.push(warning(path, `${field} ${value} is under ${reserved}, a domain reserved for examples: ${what}`, hint));
  }
  return findings;
}

/** The same warning for CIRCLE_FROM, which lives in the environment rather than a file. */
export function reservedFromFinding(from: string | undefined): { message: string; hint: string } | undefined {
  const reserved = from ? reservedDomain(from.replace(/^.*<([^>]*)>.*$/s, '$1')) : undefined;
  if (!from || !reserved) return undefined;
  return { message: `CIRCLE_FROM ${from.trim()} is under ${reserved}, a domain reserved for examples: replies to mail from it could never arrive`, hint: "set CIRCLE_FROM to the organiser's real address" };
}
