import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/mail/journal.js';
import { circle } from '../helpers/in-process.js';
import { SMTP_PASS, startSmtp } from '../helpers/smtp.js';
import { servers, workspace, server, mail, to } from '../helpers/mail.js';

describe('sending when things go wrong', () => {
  it('retries a 451, records a 550 as failed while the rest go out, and exits 1', async () => {
    const dir = await workspace();
    let emma = 0;
    const smtp = await server((address) => {
      if (address === 'emma@example.org' && emma++ < 2) return { code: 451, message: '4.3.0 Try again later' };
      if (address === 'farah@example.org') return { code: 550, message: '5.1.1 <farah@example.org>: No such mailbox' };
      return 'accept';
    });
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('failed: waitlisted to Farah "FJ" Khan <farah@example.org> in health-outcomes: 550 5.1.1 <farah@example.org>: No such mailbox');
    expect(result.stderr).toContain('sent 3, failed 1, unconfirmed 0');
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'gus@example.org']);
    expect(smtp.attempts.filter((a) => a.to[0] === 'emma@example.org')).toHaveLength(3);

    const later = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('1 failed earlier (--retry-failed)');
    expect(smtp.attempts.filter((a) => a.to[0] === 'farah@example.org')).toHaveLength(1);
    const retry = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--retry-failed']);
    expect(smtp.attempts.filter((a) => a.to[0] === 'farah@example.org')).toHaveLength(2);
    expect(retry.code).toBe(1);
  });

  it('holds back a message whose connection dropped after the body, until --resend-unconfirmed', async () => {
    const dir = await workspace();
    let drops = 0;
    const smtp = await server((address) => (address === 'gus@example.org' && drops++ === 0 ? 'drop' : 'accept'));
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unconfirmed: waitlisted to Gus Lee <gus@example.org> in health-outcomes');
    expect(smtp.attempts.filter((a) => a.to[0] === 'gus@example.org')).toHaveLength(1);
    const again = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('1 unconfirmed held back (--resend-unconfirmed)');
    expect(smtp.attempts.filter((a) => a.to[0] === 'gus@example.org')).toHaveLength(1);
    const resend = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--resend-unconfirmed']);
    expect(resend.code).toBe(0);
    expect(to(smtp.received)).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org']);
  });

  it('stops when the server goes away half-way; the rerun sends only the rest and nobody twice', async () => {
    const dir = await workspace();
    const crowd = Array.from({ length: 60 }, (_, i) => `10/29/2019 10:${String(i).padStart(2, '0')}:00,person${i}@example.org,Person ${i},English`);
    writeFileSync(join(dir, 'crowd.csv'), `Timestamp,Email Address,Full name,Preferred language\n${crowd.join('\n')}\n`);
    expect((await circle(['signups', 'import', 'health-outcomes', 'crowd.csv'], { cwd: dir })).code).toBe(0);
    const first = await server((_, count) => {
      if (count === 3) setTimeout(() => void first.close(), 0);
      return 'accept';
    });
    const broken = await mail(dir, first, ['waitlist', 'notify', 'health-outcomes']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('stopped: the server went away');
    expect(broken.stderr).toMatch(/not tried [1-9]/);
    const unconfirmed = [...(await readJournal(join(dir, 'journals', 'health-outcomes.jsonl'))).state.values()].filter((r) => r.state === 'unconfirmed' || r.state === 'sending').map((r) => r.to);

    const second = await server(undefined, first.port);
    const rerun = await mail(dir, second, ['waitlist', 'notify', 'health-outcomes']);
    expect(rerun.stderr).toContain(unconfirmed.length ? `${unconfirmed.length} unconfirmed held back` : 'sent');
    const firstTo = to(first.received);
    const secondTo = to(second.received);
    expect(secondTo.filter((address) => firstTo.includes(address))).toEqual([]);
    expect(secondTo.filter((address) => unconfirmed.includes(address))).toEqual([]);
    expect(new Set([...firstTo, ...secondTo, ...unconfirmed]).size).toBe(64);
    expect(firstTo.length + secondTo.length).toBeGreaterThanOrEqual(64 - unconfirmed.length);
  });

  it('says the login was refused, marks nothing as sent, and never shows the password', async () => {
    const dir = await workspace();
    const smtp = await server();
    const wrong = `smtp://circles:${encodeURIComponent(`${SMTP_PASS}x`)}@127.0.0.1:${smtp.port}`;
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'], wrong);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`127.0.0.1:${smtp.port} refused the login`);
    expect(result.stderr + result.stdout).not.toContain(SMTP_PASS);
    expect(smtp.received).toEqual([]);
    expect(existsSync(join(dir, 'journals', 'health-outcomes.jsonl'))).toBe(false);
    const right = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(right.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });
});

describe('the sender', () => {
  it('is CIRCLE_FROM when no organizer is set, and a missing sender stops the run before anything is recorded (a dry run only warns)', async () => {
    const dir = await workspace();
    const series = join(dir, 'circles', 'lift.series.yaml');
    writeFileSync(series, readFileSync(series, 'utf8').replace(/organizer:\n  name: .*\n  email: .*\n/, ''));
    const smtp = await server();
    const none = await circle(['invites', 'send', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_FROM: undefined } });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('circle health-outcomes has no organizer to send from');
    expect(existsSync(join(dir, 'circles', '.published.yaml'))).toBe(false);
    // A dry run needs no sender yet: it lists who would get what, and warns.
    const listed = await circle(['invites', 'send', 'health-outcomes', '--dry-run', '--json'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_FROM: undefined } });
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ to: string }>).map((row) => row.to).sort()).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    expect(listed.stderr).toContain('warning: health-outcomes has no organizer to send from: add organizer: {name, email} to the series file, or set CIRCLE_FROM, before sending');
    const sent = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_FROM: 'Open Contracting Circles <hello@example.org>' } });
    expect(sent.code).toBe(0);
    expect(smtp.received[0]?.mail.from?.value).toEqual([{ name: 'Open Contracting Circles', address: 'hello@example.org' }]);
  });
});

describe('TLS', () => {
  it('verifies the server certificate, and accepts a self-signed one only when told to', async () => {
    // A self-signed certificate made once for these tests (openssl is not on every machine).
    const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url), 'utf8');
    const tls = { key: fixture('key.pem'), cert: fixture('cert.pem') };
    const dir = await workspace();
    const smtp = await startSmtp({ tls });
    servers.push(smtp);
    expect(smtp.url.startsWith('smtps://')).toBe(true);
    const refused = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot reach 127\.0\.0\.1:\d+: .*self[- ]signed certificate/);
    expect(smtp.received).toEqual([]);
    const accepted = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url, CIRCLE_SMTP_INSECURE_TLS: '1' } });
    expect(accepted.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });
});
