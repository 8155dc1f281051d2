import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLeaveToken, verifyLeaveToken } from '../../src/inbox/leave-token.js';
import { LEAVE_KINDS, MESSAGE_KINDS } from '../../src/mail/kinds.js';
import { circle } from '../helpers/in-process.js';
import { byTo, server, to, workspace } from '../helpers/mail.js';
import type { Received, TestSmtp } from '../helpers/smtp.js';

/* The personal leave link of the messages about a place: text, HTML and List-Unsubscribe, made with CIRCLE_SECRET. */

const SECRET = 'a-workspace-secret-for-tests-0123456789abcdef';
const run = (dir: string, smtp: TestSmtp, args: string[], secret: string | null = SECRET) =>
  circle(args, { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SECRET: secret ?? undefined } });

/** A header of the message as sent, unfolded. */
function header(message: Received, name: string): string | undefined {
  const head = message.raw.toString('utf8').split('\r\n\r\n')[0]?.replace(/\r\n[ \t]+/g, ' ') ?? '';
  return head.split('\r\n').find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
}

/** The leave link a message carries: its List-Unsubscribe header, checked against its text and HTML. */
function leaveLinkOf(message: Received): { mailto: string; subject: string } | undefined {
  const value = header(message, 'List-Unsubscribe');
  if (value === undefined) return undefined;
  const mailto = /^<(mailto:[^>]+)>$/.exec(value)?.[1] ?? '';
  expect(message.mail.text).toContain(mailto);
  expect(message.mail.html).toContain(`href="${mailto.replace(/=/g, '&#x3D;')}"`);
  return { mailto, subject: decodeURIComponent(new URL(mailto).searchParams.get('subject') ?? '') };
}

describe('which messages carry a leave link', () => {
  it.each(MESSAGE_KINDS.map((kind) => [kind, ['waitlisted', 'waitlisted-update', 'seat', 'offer', 'invitation', 'update', 'reminder'].includes(kind)]))('%s: %s', (kind, carries) => {
    expect(LEAVE_KINDS.has(kind)).toBe(carries);
  });
});

describe('leave links in the mail', () => {
  it('gives each waitlisted and invited person their own link, in their language, as text, HTML and List-Unsubscribe', async () => {
    const dir = await workspace();
    const smtp = await server();
    const notify = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(notify.code).toBe(0);
    expect(notify.stderr).not.toContain('CIRCLE_SECRET');
    const invite = await run(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(invite.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org', 'diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
    for (const message of smtp.received) {
      const address = message.to[0] as string;
      const link = leaveLinkOf(message);
      expect(link?.mailto).toMatch(/^mailto:circles@example\.org\?subject=Leave%20leave\.health-outcomes\.[A-Za-z0-9_-]{22}$/);
      const token = findLeaveToken(link?.subject ?? '');
      expect(token && verifyLeaveToken(SECRET, token, 'health-outcomes', address)).toBe(true);
      expect(token && verifyLeaveToken(SECRET, token, 'health-outcomes', 'someone.else@example.org')).toBe(false);
      expect(header(message, 'Auto-Submitted')).toBe('auto-generated');
      expect(message.raw.toString('utf8')).not.toContain(SECRET);
    }
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('To give up your place, send this email as it is (no need to write anything): mailto:');
    expect(byTo(smtp.received, 'diego@example.org')?.mail.text).toContain('Para dejar tu lugar, envía este correo tal como está (no hace falta escribir nada): mailto:');
    expect(byTo(smtp.received, 'ana@example.org')?.mail.text).toContain('Para dejar tu lugar, envía este correo tal como está');
  });

  it('gives none with a cancellation: there is no place left to give up', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await run(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: scheduled', 'status: cancelled'));
    smtp.received.length = 0;
    const cancel = await run(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(cancel.stderr).toContain('cancelled');
    expect(smtp.received.length).toBeGreaterThan(0);
    for (const message of smtp.received) {
      expect(header(message, 'List-Unsubscribe')).toBeUndefined();
      expect(message.mail.text).not.toContain('mailto:');
    }
  });

  it('goes without links when CIRCLE_SECRET is not set, and says once how to set it', async () => {
    const dir = await workspace();
    const smtp = await server();
    const notify = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes'], null);
    expect(notify.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
    for (const message of smtp.received) {
      expect(header(message, 'List-Unsubscribe')).toBeUndefined();
      expect(message.mail.text).not.toContain('mailto:');
    }
    expect(notify.stderr.split('CIRCLE_SECRET is not set')).toHaveLength(2);
    expect(notify.stderr).toContain('export CIRCLE_SECRET=$(openssl rand -hex 32)');
  });

  it('gives a --test-to sample a link for the address it went to, so following it takes nobody off the roster', async () => {
    const dir = await workspace();
    const smtp = await server();
    const sample = await run(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'me@example.org', '--lang', 'en']);
    expect(sample.code).toBe(0);
    const [message] = smtp.received as [Received];
    const token = findLeaveToken(leaveLinkOf(message)?.subject ?? '');
    expect(token && verifyLeaveToken(SECRET, token, 'health-outcomes', 'me@example.org')).toBe(true);
    expect(token && verifyLeaveToken(SECRET, token, 'health-outcomes', 'emma@example.org')).toBe(false);
  });

  it('circle validate warns where mail is set up to go without CIRCLE_SECRET, and names no secret', async () => {
    const dir = await workspace();
    const env = { CIRCLE_SMTP_URL: 'smtp://127.0.0.1:2525' };
    const without = await circle(['validate', '--json'], { cwd: dir, env: { ...env, CIRCLE_SECRET: undefined } });
    expect(JSON.parse(without.stdout).problems).toContainEqual(expect.objectContaining({ file: 'CIRCLE_SECRET', severity: 'warning', message: 'CIRCLE_SECRET is not set, so messages about a place go without a personal leave link, and seat offers without a claim link' }));
    const withSecret = await circle(['validate', '--json'], { cwd: dir, env: { ...env, CIRCLE_SECRET: SECRET } });
    expect(JSON.parse(withSecret.stdout).problems).not.toContainEqual(expect.objectContaining({ file: 'CIRCLE_SECRET' }));
    expect(withSecret.stdout + withSecret.stderr).not.toContain(SECRET);
  });
});
