import { describe, expect, it } from 'vitest';
import { findLeaveToken, leaveLink, leaveToken, verifyLeaveToken } from '../../src/inbox/leave-token.js';

const SECRET = 'a workspace secret for tests only';
const token = (circle: string, email: string) => {
  const made = leaveToken(SECRET, circle, email);
  if (!made.ok) throw new Error(made.failure.message);
  return made.value;
};

describe('leave tokens', () => {
  const ana = token('making-a-case', 'ana@example.org');

  it('is short, names the circle, and shows neither the address nor the secret', () => {
    expect(ana).toMatch(/^leave\.making-a-case\.[A-Za-z0-9_-]{22}$/);
    expect(ana).not.toContain('ana');
    expect(ana).not.toContain('example');
  });

  it.each([
    ['the same signup', 'making-a-case', 'ana@example.org', true],
    ['the address in another case', 'making-a-case', 'Ana@Example.ORG', true],
    ['another person of the circle', 'making-a-case', 'bo@example.org', false],
    ['the same person in another circle', 'open-data', 'ana@example.org', false],
  ])('verifies for %s: %s', (_, circle, email, expected) => {
    const found = findLeaveToken(`Re: Leave ${ana}`);
    expect(found).toBeDefined();
    expect(verifyLeaveToken(SECRET, found!, circle, email)).toBe(expected);
  });

  it('does not verify under another secret', () => {
    expect(verifyLeaveToken('another secret', findLeaveToken(ana)!, 'making-a-case', 'ana@example.org')).toBe(false);
  });

  it.each([
    ['no token', 'Question about the circle', undefined],
    ['a mac cut short', 'Leave leave.making-a-case.abc', undefined],
    ['a mac one character too long', `Leave ${ana}x`, undefined],
    ['behind a reply prefix', `AW: Leave ${ana}`, { circle: 'making-a-case', mac: ana.slice(-22) }],
  ])('finds in a subject with %s: %j', (_, subject, expected) => {
    expect(findLeaveToken(subject)).toEqual(expected);
  });

  it('refuses to make a token without a secret, saying how to set one', () => {
    const made = leaveToken('', 'making-a-case', 'ana@example.org');
    expect(made).toEqual({ ok: false, failure: expect.objectContaining({ kind: 'input', message: expect.stringContaining('CIRCLE_SECRET'), hint: expect.stringContaining('set CIRCLE_SECRET') }) });
    expect(verifyLeaveToken('', { circle: 'making-a-case', mac: 'A'.repeat(22) }, 'making-a-case', 'ana@example.org')).toBe(false);
  });

  it('builds the mailto link and the List-Unsubscribe header', () => {
    const link = leaveLink(SECRET, 'circles@example.org', 'making-a-case', 'ana@example.org');
    const mailto = `mailto:circles@example.org?subject=Leave%20${ana}`;
    expect(link).toEqual({ ok: true, value: { mailto, listUnsubscribe: `<${mailto}>` } });
    expect(findLeaveToken(decodeURIComponent(mailto.split('subject=')[1]!))).toEqual(findLeaveToken(ana));
  });

  it.each([
    ['circles+inbox@example.org', 'mailto:circles+inbox@example.org?'],
    ['a%b?c&d=e#f@example.org', 'mailto:a%25b%3Fc%26d%3De%23f@example.org?'],
  ])('percent-encodes what an address may not carry in a mailto: %s', (organiser, start) => {
    const link = leaveLink(SECRET, organiser, 'making-a-case', 'ana@example.org');
    expect(link.ok && link.value.mailto.startsWith(start)).toBe(true);
  });
});
