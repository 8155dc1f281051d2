import { describe, expect, it } from 'vitest';
import { cleanEmail, emailKey, isValidEmail } from '../../src/model/email.js';
import { slugify } from '../../src/model/slug.js';
import { closest } from '../../src/validate/suggest.js';

describe('the email rule', () => {
  it.each(['ana@example.org', 'Ana.Perez+circles@mail.example.org', "o'brien@example.org", 'x@sub-domain.example.co'])('accepts %s', (address) => {
    expect(isValidEmail(address)).toBe(true);
  });

  it.each([
    'ana@example',
    'ana example@example.org',
    'ana@@example.org',
    '"ana"@example.org',
    'ana@example.org\r\nBcc: x@example.org',
    'josé@example.org',
    'ana@-example.org',
    `${'a'.repeat(65)}@example.org`,
    '',
  ])('rejects %j', (address) => {
    expect(isValidEmail(address)).toBe(false);
  });

  it('trims every kind of space a spreadsheet leaves, keeps the spelling, compares case-insensitively', () => {
    expect(cleanEmail('\u00a0 Ana@Example.org\u200b ')).toBe('Ana@Example.org');
    expect(emailKey(' Ana@Example.ORG\u00a0')).toBe(emailKey('ana@example.org'));
    expect(emailKey('ana.perez@example.org')).not.toBe(emailKey('anaperez@example.org'));
  });
});

describe('slugs and suggestions', () => {
  it.each([
    ['Making a case for open contracting', 'making-a-case-for-open-contracting'],
    ['Participación de las pymes: ¿cómo?', 'participacion-de-las-pymes-como'],
    ['  Supplier engagement & SME  ', 'supplier-engagement-sme'],
  ])('slugify(%j)', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('suggests the nearest field name, and nothing for far-off words', () => {
    expect(closest('capcity', ['capacity', 'recorded', 'platform'])).toBe('capacity');
    expect(closest('meetingurl', ['meeting_url', 'signup_url'])).toBe('meeting_url');
    expect(closest('colour', ['capacity', 'recorded'])).toBeUndefined();
  });
});
