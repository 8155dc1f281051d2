import { describe, expect, it } from 'vitest';
import { imapSettings, redact } from '../../src/inbox/imap-settings.js';

const PASS = 'p@ss/w0rd?#';
const SECRET = encodeURIComponent(PASS);

describe('CIRCLE_IMAP_URL and friends', () => {
  it.each([
    {
      env: { CIRCLE_IMAP_URL: `imaps://circles%40ngo.example:${SECRET}@imap.example.org/INBOX` },
      settings: { host: 'imap.example.org', port: 993, secure: true, startTls: false, user: 'circles@ngo.example', secret: { pass: PASS }, mailbox: 'INBOX', insecureTls: false, label: 'imap.example.org/INBOX' },
    },
    {
      env: { CIRCLE_IMAP_URL: 'imap://circles:secret@imap.example.org:1143', CIRCLE_IMAP_INSECURE_TLS: '1' },
      settings: { host: 'imap.example.org', port: 1143, secure: false, startTls: true, user: 'circles', secret: { pass: 'secret' }, mailbox: 'INBOX', insecureTls: true, label: 'imap.example.org:1143/INBOX' },
    },
    {
      env: { CIRCLE_IMAP_URL: 'imap://circles@127.0.0.1:1143/Lists%2FCircles', CIRCLE_IMAP_TOKEN: 'ya29.token' },
      settings: { host: '127.0.0.1', port: 1143, secure: false, startTls: false, user: 'circles', secret: { accessToken: 'ya29.token' }, mailbox: 'Lists/Circles', insecureTls: false, label: '127.0.0.1:1143/Lists/Circles' },
    },
    {
      env: { CIRCLE_IMAP_URL: ' imap://circles:secret@[::1]/Circles ' },
      settings: { host: '::1', port: 143, secure: false, startTls: false, user: 'circles', secret: { pass: 'secret' }, mailbox: 'Circles', insecureTls: false, label: '[::1]/Circles' },
    },
  ])('$env.CIRCLE_IMAP_URL reads as $settings.label', ({ env, settings }) => {
    expect(imapSettings(env)).toEqual({ ok: true, value: settings });
  });

  it.each([
    { env: {}, message: 'CIRCLE_IMAP_URL is not set', fix: 'export CIRCLE_IMAP_URL=imaps://user%40example.org:password@imap.example.org/INBOX' },
    { env: { CIRCLE_IMAP_URL: `not a url ${SECRET}` }, message: 'CIRCLE_IMAP_URL is not a URL', fix: 'the form is imaps://user:password@host/INBOX' },
    { env: { CIRCLE_IMAP_URL: `smtps://u:${SECRET}@imap.example.org` }, message: 'CIRCLE_IMAP_URL must start with imaps:// or imap://', fix: 'the form is imaps://user:password@host/INBOX' },
    { env: { CIRCLE_IMAP_URL: `imaps://u:${PASS}@imap.example.org` }, message: 'CIRCLE_IMAP_URL has an @ after its host: the user or password holds a /, ? or # that is not %-encoded', fix: 'write % as %25, @ as %40' },
    { env: { CIRCLE_IMAP_URL: `imaps://u:${SECRET}@imap.example.org/INBOX?x` }, message: 'CIRCLE_IMAP_URL has a ? or # after the host', fix: 'a mailbox name with ? or # is written %3F or %23' },
    { env: { CIRCLE_IMAP_URL: `imaps://u:${SECRET}%@imap.example.org` }, message: 'CIRCLE_IMAP_URL has a broken %-escape', fix: 'write % as %25' },
    { env: { CIRCLE_IMAP_URL: `imaps://:${SECRET}@imap.example.org` }, message: 'CIRCLE_IMAP_URL has no user', fix: 'an @ in the user is written %40' },
    { env: { CIRCLE_IMAP_URL: 'imaps://u@imap.example.org' }, message: 'CIRCLE_IMAP_URL has no password and CIRCLE_IMAP_TOKEN is not set', fix: 'or export CIRCLE_IMAP_TOKEN=<OAuth access token>' },
    { env: { CIRCLE_IMAP_URL: `imaps://u:${SECRET}@imap.example.org`, CIRCLE_IMAP_TOKEN: 'ya29.token' }, message: 'both CIRCLE_IMAP_TOKEN and a password in CIRCLE_IMAP_URL are set', fix: 'unset CIRCLE_IMAP_TOKEN to log in with the password' },
  ])('$message (a usage error saying how to fix it, nothing of the secret)', ({ env, message, fix }) => {
    const result = imapSettings(env);
    if (result.ok) throw new Error('expected a failure');
    expect(result.failure.kind).toBe('usage');
    expect(result.failure.message).toBe(message);
    expect(result.failure.hint).toContain(fix);
    for (const text of [result.failure.message, result.failure.hint ?? '']) {
      expect(text).not.toContain(PASS);
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('ya29.token');
    }
  });

  it('redact hides the password in both spellings, and the token', () => {
    expect(redact(`said ${PASS} and ${SECRET}`, { secret: { pass: PASS } })).toBe('said **** and ****');
    expect(redact('bearer ya29.token', { secret: { accessToken: 'ya29.token' } })).toBe('bearer ****');
  });
});
