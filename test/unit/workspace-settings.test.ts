import { describe, expect, it } from 'vitest';
import { mailingListOf, organizerOf, ownUidDomain, uidDomainOf } from '../../src/model/workspace-settings.js';
import { GITIGNORE_LINES } from '../../src/workspace/paths.js';
import { gitignoreWith } from '../../src/workspace/starter.js';

describe('the settings of a new workspace', () => {
  it.each([
    { name: undefined, email: undefined, expected: { ok: true, value: undefined } },
    { name: '', email: undefined, expected: { ok: true, value: undefined } },
    { name: 'Lift Team', email: ' team@example.org ', expected: { ok: true, value: { name: 'Lift Team', email: 'team@example.org' } } },
    {
      name: 'Lift Team',
      email: undefined,
      expected: { ok: false, failure: { kind: 'usage', message: '--organizer-name and --organizer-email go together', hint: 'give both, e.g. --organizer-name "Lift Learning Circles" --organizer-email circles@example.org' } },
    },
    { name: undefined, email: 'team@example.org', expected: { ok: false, failure: expect.objectContaining({ message: '--organizer-name and --organizer-email go together' }) } },
    { name: 'Lift Team', email: 'team@', expected: { ok: false, failure: { kind: 'usage', message: '--organizer-email: "team@" is not a valid email address', hint: 'e.g. --organizer-email circles@example.org' } } },
  ])('organizer $name <$email>', ({ name, email, expected }) => {
    expect(organizerOf(name, email)).toEqual(expected);
  });

  it.each([
    { url: undefined, expected: { ok: true, value: undefined } },
    { url: '', expected: { ok: true, value: undefined } },
    { url: 'https://lists.example.org/lift', expected: { ok: true, value: 'https://lists.example.org/lift' } },
    {
      url: 'lists.example.org',
      expected: { ok: false, failure: { kind: 'usage', message: '--mailing-list-url: "lists.example.org" is not an http:// or https:// link', hint: 'e.g. --mailing-list-url https://lists.example.org/lift' } },
    },
    { url: 'ftp://lists.example.org', expected: { ok: false, failure: expect.objectContaining({ kind: 'usage' }) } },
  ])('mailing list $url', ({ url, expected }) => {
    expect(mailingListOf(url)).toEqual(expected);
  });

  const organizer = { name: 'Lift Team', email: 'team@Lift.Example.org' };
  it.each([
    { given: undefined, organizer: undefined, expected: { ok: true, value: { domain: 'lift-abc.invalid', made: true } } },
    { given: undefined, organizer, expected: { ok: true, value: { domain: 'lift.example.org', made: false } } },
    { given: 'circles.example.org', organizer: undefined, expected: { ok: true, value: { domain: 'circles.example.org', made: false } } },
    {
      given: 'not a domain',
      organizer: undefined,
      expected: { ok: false, failure: { kind: 'usage', message: '--uid-domain: "not a domain" is not a domain name such as circles.example.org', hint: 'e.g. --uid-domain circles.example.org' } },
    },
  ])('UID domain $given with organizer $organizer.email', ({ given, organizer, expected }) => {
    expect(uidDomainOf(given, ownUidDomain('lift', organizer, 'abc'), organizer)).toEqual(expected);
  });

  it.each([
    { existing: '', added: GITIGNORE_LINES },
    { existing: 'node_modules/', added: ['node_modules/', ...GITIGNORE_LINES] },
    { existing: 'node_modules/\n/rosters/\n', added: ['node_modules/', '/rosters/', ...GITIGNORE_LINES.filter((line) => line !== '/rosters/')] },
  ])('.gitignore "$existing" gains the lines it lacks', ({ existing, added }) => {
    expect(gitignoreWith(existing)).toBe(`${added.join('\n')}\n`);
  });

  it('leaves a .gitignore that has every line as it is', () => {
    expect(gitignoreWith(`${GITIGNORE_LINES.filter((line) => !line.startsWith('#')).join('\n')}\n`)).toBeUndefined();
  });
});
