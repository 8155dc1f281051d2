import { refused, type Refused } from '../failure.js';
import { redact, type ImapSettings } from './imap-settings.js';

/*
 * What went wrong with the IMAP server, in the organiser's words: imapflow's errors carry a code
 * (Node's socket and TLS codes, its own) or flags (authenticationFailed, tlsFailed, mailboxMissing).
 * Every text from the server or the socket is redacted: it might quote what it was sent.
 */

interface ImapError {
  message?: string;
  code?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseText?: string;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'CONNECT_TIMEOUT', 'NoConnection', 'EPIPE']);
const WRONG_PROTOCOL = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'GREETING_TIMEOUT']);

const PORTS = 'imaps:// is usually port 993, imap:// (STARTTLS) port 143';

/** The Refused for an error from imapflow; `moveTo` when the error came from looking for that folder. */
export function imapFailure(cause: unknown, settings: ImapSettings, moveTo?: string): Refused {
  const error = (cause ?? {}) as ImapError;
  const server = `${settings.host}:${settings.port}`;
  const said = (text: string | undefined) => redact(text ?? String(cause), settings);
  if (error.authenticationFailed) {
    const hint =
      'accessToken' in settings.secret
        ? 'CIRCLE_IMAP_TOKEN may have expired: get a new access token from the provider'
        : 'check the user and password in CIRCLE_IMAP_URL (many providers want an app password there, not the account password)';
    return refused('input', `the IMAP server ${server} refused the login: ${said(error.responseText)}`, hint);
  }
  if (error.message === 'Unsupported authentication mechanism' && 'accessToken' in settings.secret) {
    return refused('input', `the IMAP server ${server} does not take OAuth tokens (no XOAUTH2 or OAUTHBEARER)`, 'unset CIRCLE_IMAP_TOKEN and put the password in CIRCLE_IMAP_URL');
  }
  if (error.code && UNTRUSTED.has(error.code)) {
    return refused(
      'input',
      `the TLS certificate of ${server} is not trusted: ${said(error.message)}`,
      'check the host in CIRCLE_IMAP_URL; only for a server you trust with a self-signed certificate (a mail bridge on this machine, a test server) set CIRCLE_IMAP_INSECURE_TLS=1',
    );
  }
  if (error.tlsFailed && !error.code) {
    return refused('input', `the IMAP server ${server} offers no STARTTLS, and the password would cross the network unencrypted`, `use imaps:// (${PORTS})`);
  }
  if (error.code && WRONG_PROTOCOL.has(error.code)) {
    return refused('input', `${server} does not answer as an ${settings.secure ? 'imaps://' : 'imap://'} server`, `check the scheme and port in CIRCLE_IMAP_URL: ${PORTS}`);
  }
  if (error.code && UNREACHABLE.has(error.code)) {
    return refused('input', `cannot reach the IMAP server ${server}: ${said(error.message)}`, `check the host and port in CIRCLE_IMAP_URL (${PORTS}) and the network`);
  }
  if (error.mailboxMissing || error.code === 'NotFound') {
    return moveTo === undefined
      ? refused('input', `there is no mailbox ${settings.mailbox} on ${server}`, 'the path after the host in CIRCLE_IMAP_URL names the mailbox (INBOX when there is none); write a / inside a name as %2F')
      : refused('usage', `there is no folder ${moveTo} on ${server} to move handled messages to (--move-to)`, 'create the folder in your mail program, or give one that exists');
  }
  return refused('input', `IMAP with ${settings.label} failed: ${said(error.responseText ?? error.message)}`, 'run the command again; if it fails the same way, check CIRCLE_IMAP_URL and the server');
}
