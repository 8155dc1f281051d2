import { usageError } from '../errors.js';

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
  /** `user@host:port`, safe to show. */
  label: string;
}

export function smtpSettings(env: NodeJS.ProcessEnv = process.env): SmtpSettings {
  const text = env.CIRCLE_SMTP_URL;
  if (!text) {
    throw usageError('CIRCLE_SMTP_URL is not set', 'export CIRCLE_SMTP_URL=smtp://user:password@smtp.example.org:587 (smtps:// for implicit TLS), or use --dry-run or --preview');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usageError('CIRCLE_SMTP_URL is not a URL', 'the form is smtp://user:password@host:port');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw usageError(`CIRCLE_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  const secure = url.protocol === 'smtps:';
  const port = url.port ? Number(url.port) : secure ? 465 : 587;
  let user: string | undefined;
  let pass: string | undefined;
  try {
    user = url.username ? decodeURIComponent(url.username) : undefined;
    pass = url.password ? decodeURIComponent(url.password) : undefined;
  } catch {
    throw usageError('the user or password in CIRCLE_SMTP_URL has a broken %-escape', 'write a % in a password as %25, an @ as %40, a : as %3A');
  }
  return {
    host: url.hostname,
    port,
    secure,
    ...(user ? { user } : {}),
    ...(pass ? { pass } : {}),
    insecureTls: env.CIRCLE_SMTP_INSECURE_TLS === '1',
    label: `${user ? `${user}@` : ''}${url.hostname}:${port}`,
  };
}

/** Removes the password from any text that leaves the process, whatever put it there. */
export function redact(text: string, settings: Pick<SmtpSettings, 'pass'>): string {
  if (!settings.pass) return text;
  return text.split(settings.pass).join('****').split(encodeURIComponent(settings.pass)).join('****');
}
