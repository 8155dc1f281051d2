import { failure, success, type Result } from '../failure.js';

/** Which mailbox to read and how to log in, from the environment only: no secret sits in a workspace file. */
export interface ImapSettings {
  host: string;
  port: number;
  /** Implicit TLS (imaps://). */
  secure: boolean;
  /** imap:// must upgrade with STARTTLS, except to this machine, where nothing crosses a network. */
  startTls: boolean;
  user: string;
  /** A password, or an OAuth access token (CIRCLE_IMAP_TOKEN) for providers that want one. */
  secret: { pass: string } | { accessToken: string };
  mailbox: string;
  /** Accept a certificate that does not verify (self-signed): only when the organiser says so. */
  insecureTls: boolean;
  /** `host/Mailbox` (with `:port` when the URL gave one), safe to show: nothing of the user or secret. */
  label: string;
}

const FORM = 'the form is imaps://user:password@host/INBOX (imap:// for STARTTLS; the port after the host when it is not 993 or 143)';
const ESCAPES = 'in the user and password write % as %25, @ as %40, : as %3A, / as %2F, ? as %3F, # as %23';
const bad = (message: string, hint: string) => failure('usage', message, hint);

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Reads CIRCLE_IMAP_URL, CIRCLE_IMAP_TOKEN and CIRCLE_IMAP_INSECURE_TLS. No message quotes the URL: any part of it may be the password. */
export function imapSettings(env: Readonly<Record<string, string | undefined>>): Result<ImapSettings> {
  const text = env.CIRCLE_IMAP_URL?.trim();
  if (!text) return bad('CIRCLE_IMAP_URL is not set', `export CIRCLE_IMAP_URL=imaps://user%40example.org:password@imap.example.org/INBOX (${ESCAPES}), or read files with --from`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return bad('CIRCLE_IMAP_URL is not a URL', `${FORM}; ${ESCAPES}`);
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') return bad('CIRCLE_IMAP_URL must start with imaps:// or imap://', FORM);
  // A / in the password ends the host early: "imaps://u:12/34@host" reads as host "u", port 12.
  if (`${url.pathname}${url.search}${url.hash}`.includes('@')) {
    return bad('CIRCLE_IMAP_URL has an @ after its host: the user or password holds a /, ? or # that is not %-encoded', ESCAPES);
  }
  if (url.search || url.hash) return bad('CIRCLE_IMAP_URL has a ? or # after the host', `${FORM}; a mailbox name with ? or # is written %3F or %23`);
  if (url.hostname === '') return bad('CIRCLE_IMAP_URL has no host', FORM);
  let user: string;
  let pass: string;
  let mailbox: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
    mailbox = decodeURIComponent(url.pathname.slice(1)) || 'INBOX';
  } catch {
    return bad('CIRCLE_IMAP_URL has a broken %-escape', ESCAPES);
  }
  if (!user) return bad('CIRCLE_IMAP_URL has no user', `${FORM}; an @ in the user is written %40`);
  const token = env.CIRCLE_IMAP_TOKEN?.trim();
  if (token && pass) return bad('both CIRCLE_IMAP_TOKEN and a password in CIRCLE_IMAP_URL are set', 'unset CIRCLE_IMAP_TOKEN to log in with the password, or take the password out of CIRCLE_IMAP_URL to use the token');
  if (!token && !pass) return bad('CIRCLE_IMAP_URL has no password and CIRCLE_IMAP_TOKEN is not set', `put the password after the user (${ESCAPES}), or export CIRCLE_IMAP_TOKEN=<OAuth access token>`);
  const secure = url.protocol === 'imaps:';
  // An IPv6 address keeps its brackets in a URL, not in a socket address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return success({
    host,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    startTls: !secure && !LOOPBACK.test(url.hostname),
    user,
    secret: token ? { accessToken: token } : { pass },
    mailbox,
    insecureTls: env.CIRCLE_IMAP_INSECURE_TLS === '1',
    label: `${url.hostname}${url.port ? `:${url.port}` : ''}/${mailbox}`,
  });
}

/** Removes the password or token from any text that leaves the process, whatever put it there. */
export function redact(text: string, settings: Pick<ImapSettings, 'secret'>): string {
  const secret = 'pass' in settings.secret ? settings.secret.pass : settings.secret.accessToken;
  return [secret, encodeURIComponent(secret)].reduce((out, part) => out.split(part).join('****'), text);
}
