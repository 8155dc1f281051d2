import { failure, success, type Result } from '../failure.js';

/** Where and how to send, from the environment only: a password never sits in a file of the workspace. */
export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (smtps://); smtp:// upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** Accept a self-signed certificate: only when the organiser says so. */
  insecureTls: boolean;
  /** `host:port`, safe to show: nothing of the user or password. */
  label: string;
}

const ESCAPES = 'in the user and password write % as %25, @ as %40, : as %3A, / as %2F, ? as %3F, # as %23';

/** A %-encoded part of the URL, undefined when empty, null when an escape is broken. */
function decoded(part: string): string | undefined | null {
  if (!part) return undefined;
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

export function smtpSettings(env: Readonly<Record<string, string | undefined>>): Result<SmtpSettings> {
  const text = env.CIRCLE_SMTP_URL;
  if (!text) {
    return failure('usage', 'CIRCLE_SMTP_URL is not set', 'export CIRCLE_SMTP_URL=smtp://user:password@smtp.example.org:587 (smtps:// for implicit TLS), or use --dry-run or --preview');
  }
  // WHATWG URL rules (as browsers read them). No message quotes the text: any part of it may be the password.
  if (!URL.canParse(text.trim())) return failure('usage', 'CIRCLE_SMTP_URL is not a URL', `the form is smtp://user:password@host:port; ${ESCAPES}`);
  const url = new URL(text.trim());
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return failure('usage', 'CIRCLE_SMTP_URL must start with smtp:// or smtps://', 'the form is smtp://user:password@host:port (smtps:// for implicit TLS)');
  }
  // A / in the password ends the host early: "smtp://u:12/34@host" reads as host "u", port 12.
  if (`${url.pathname}${url.search}${url.hash}`.includes('@')) {
    return failure('usage', 'CIRCLE_SMTP_URL has an @ after its host: the user or password holds a /, ? or # that is not %-encoded', ESCAPES);
  }
  if (url.hostname === '') return failure('usage', 'CIRCLE_SMTP_URL has no host', 'the form is smtp://user:password@host:port');
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  const user = decoded(url.username);
  const pass = decoded(url.password);
  if (user === null || pass === null) return failure('usage', 'the user or password in CIRCLE_SMTP_URL has a broken %-escape', ESCAPES);
  // An IPv6 address keeps its brackets in a URL, not in a socket address.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return success({
    host,
    port,
    secure,
    ...(user ? { user } : {}),
    ...(pass ? { pass } : {}),
    insecureTls: env.CIRCLE_SMTP_INSECURE_TLS === '1',
    label: `${url.hostname}:${port}`,
  });
}

/** Removes the password from any text that leaves the process, whatever put it there. */
export function redact(text: string, settings: Pick<SmtpSettings, 'pass'>): string {
  if (!settings.pass) return text;
  return text.split(settings.pass).join('****').split(encodeURIComponent(settings.pass)).join('****');
}
