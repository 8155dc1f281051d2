import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unwrap, type Failure, type Refused } from '../../src/failure.js';
import { openImapSource } from '../../src/inbox/imap.js';
import { imapSettings } from '../../src/inbox/imap-settings.js';
import { IMAP_PASS, imapSkipReason, message, startDovecot, type TestDovecot } from '../helpers/imap.js';

let dovecot: TestDovecot;
beforeAll(async () => {
  if (imapSkipReason) return;
  dovecot = await startDovecot();
  await dovecot.append(message('Declined: Python basics', 'decline-1'));
});
afterAll(async () => dovecot?.close());

const WRONG = 'wr0ng p@ss/word';

/** What opening the mailbox was refused with, and that the workspace was left as it was. */
async function refusal(env: Record<string, string>): Promise<Failure> {
  const dir = mkdtempSync(join(tmpdir(), 'circle-inbox-'));
  const error = (await openImapSource({ settings: unwrap(imapSettings(env)), dir }).then(
    () => undefined,
    (cause: unknown) => cause,
  )) as Refused;
  expect(existsSync(join(dir, 'journals'))).toBe(false);
  const text = `${error.failure.message} ${error.failure.hint}`;
  for (const secret of [IMAP_PASS, encodeURIComponent(IMAP_PASS), WRONG, encodeURIComponent(WRONG), 'ya29.token']) expect(text).not.toContain(secret);
  return error.failure;
}

describe.skipIf(imapSkipReason !== undefined)(imapSkipReason ?? 'an IMAP server that says no', () => {
  it('an OAuth token where the server takes none', async () => {
    expect(await refusal({ CIRCLE_IMAP_URL: dovecot.url({ pass: null }), CIRCLE_IMAP_TOKEN: 'ya29.token' })).toEqual({
      kind: 'input',
      message: `the IMAP server 127.0.0.1:${dovecot.port} does not take OAuth tokens (no XOAUTH2 or OAUTHBEARER)`,
      hint: 'unset CIRCLE_IMAP_TOKEN and put the password in CIRCLE_IMAP_URL',
    });
  });

  it('a port nobody listens on', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await refusal({ CIRCLE_IMAP_URL: `imap://circles:${encodeURIComponent(IMAP_PASS)}@127.0.0.1:${port}/INBOX` })).toEqual({
      kind: 'input',
      message: `cannot reach the IMAP server 127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
      hint: 'check the host and port in CIRCLE_IMAP_URL (imaps:// is usually port 993, imap:// (STARTTLS) port 143) and the network',
    });
  });

  it('imaps:// to a server whose certificate is self-signed is refused unless CIRCLE_IMAP_INSECURE_TLS=1', async () => {
    const url = dovecot.url({ tls: true });
    expect(await refusal({ CIRCLE_IMAP_URL: url })).toEqual({
      kind: 'input',
      message: `the TLS certificate of 127.0.0.1:${dovecot.tlsPort} is not trusted: self-signed certificate`,
      hint: 'check the host in CIRCLE_IMAP_URL; only for a server you trust with a self-signed certificate (a mail bridge on this machine, a test server) set CIRCLE_IMAP_INSECURE_TLS=1',
    });
    const source = await openImapSource({ settings: unwrap(imapSettings({ CIRCLE_IMAP_URL: url, CIRCLE_IMAP_INSECURE_TLS: '1' })), dir: mkdtempSync(join(tmpdir(), 'circle-inbox-')) });
    const keys: string[] = [];
    for await (const raw of source.messages()) keys.push(raw.key);
    await source.close();
    expect(keys).toEqual([expect.stringMatching(/^\d+:1$/)]);
  });

  it('imaps:// to the plain IMAP port', async () => {
    expect(await refusal({ CIRCLE_IMAP_URL: dovecot.url().replace('imap://', 'imaps://') })).toEqual({
      kind: 'input',
      message: `127.0.0.1:${dovecot.port} does not answer as an imaps:// server`,
      hint: 'check the scheme and port in CIRCLE_IMAP_URL: imaps:// is usually port 993, imap:// (STARTTLS) port 143',
    });
  });

  // Last: after a failed login Dovecot makes the next login from the same address wait a few seconds.
  it('a wrong password: the login refused, with nothing of the password', async () => {
    expect(await refusal({ CIRCLE_IMAP_URL: dovecot.url({ pass: WRONG }) })).toEqual({
      kind: 'input',
      message: `the IMAP server 127.0.0.1:${dovecot.port} refused the login: Authentication failed.`,
      hint: 'check the user and password in CIRCLE_IMAP_URL (many providers want an app password there, not the account password)',
    });
  });
});
