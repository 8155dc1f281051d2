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
    expect(['ana@example.org\u00a0', '\u200bana@example.org', 'ana@example.org\t', 'ana@example.org'].map(cleanEmail)).toEqual(Array(4).fill('ana@example.org'));
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

describe('SMTP settings from the environment', async () => {
  const { smtpSettings } = await import('../../src/mail/smtp-settings.js');
  it('reads user, password, host, port and TLS from CIRCLE_SMTP_URL', () => {
    expect(smtpSettings({ CIRCLE_SMTP_URL: 'smtps://circles%40example.org:p%40ss%20w0rd@smtp.example.org' })).toMatchObject({ ok: true, value: {
      host: 'smtp.example.org', port: 465, secure: true, user: 'circles@example.org', pass: 'p@ss w0rd', insecureTls: false, label: 'smtp.example.org:465',
    } });
    expect(smtpSettings({ CIRCLE_SMTP_URL: 'smtp://smtp.example.org', CIRCLE_SMTP_INSECURE_TLS: '1' })).toMatchObject({ ok: true, value: { port: 587, secure: false, insecureTls: true } });
  });

  it.each([
    [{}, 'CIRCLE_SMTP_URL is not set'],
    [{ CIRCLE_SMTP_URL: 'smtp.example.org:587' }, 'must start with smtp:// or smtps://'],
    [{ CIRCLE_SMTP_URL: 'https://smtp.example.org' }, 'must start with smtp:// or smtps://'],
    [{ CIRCLE_SMTP_URL: 'smtp://user:p%zz@smtp.example.org' }, 'has a broken %-escape'],
  ])('%j is a usage error that says why', (env, message) => {
    expect(smtpSettings(env)).toMatchObject({ ok: false, failure: { kind: 'usage', message: expect.stringContaining(message) } });
  });
});
