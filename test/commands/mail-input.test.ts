import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mail, server, servers, workspace } from '../helpers/mail.js';
import { SMTP_PASS, SMTP_USER, startSmtp } from '../helpers/smtp.js';
import { circle } from '../helpers/in-process.js';

/* Bad input on the way out: absurdly long names and titles, and SMTP URLs with an IPv6 host or an unencoded password. */

const replaceIn = (file: string, from: string | RegExp, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));

describe('header text longer than a mail line', () => {
  it('a 5,000-character name, a 1,500-character title and a long sender name arrive, every line within 998 octets', async () => {
    const dir = await workspace();
    replaceIn(join(dir, 'circles', 'health-outcomes.yaml'), /^title: .*$/m, `title: Improving${'x'.repeat(1500)}`);
    replaceIn(join(dir, 'circles', 'lift.series.yaml'), '  name: Lift Learning Circles', `  name: Lift${'L'.repeat(3000)}`);
    // One word with no space to fold at, and a right-to-left override that would show the rest backwards.
    const name = `Zed${'z'.repeat(4997)}`;
    writeFileSync(join(dir, 'late.csv'), `Timestamp,Email Address,Full name\n10/29/2019 9:00:00,zed@example.org,\u202e${name}\n`);
    expect((await circle(['signups', 'import', 'health-outcomes', 'late.csv'], { cwd: dir })).code).toBe(0);
    const smtp = await server();

    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);

    expect(result.code, result.stderr).toBe(0);
    expect(smtp.received.map((r) => r.to[0]).sort()).toEqual(['diego@example.org', 'emma@example.org', 'farah@example.org', 'gus@example.org', 'zed@example.org']);
    for (const message of smtp.received) {
      const longest = Math.max(...message.raw.toString('latin1').split('\r\n').map((line) => line.length));
      expect(longest, message.to[0]).toBeLessThanOrEqual(998);
    }
    const zed = smtp.received.find((r) => r.to[0] === 'zed@example.org');
    const shown = zed?.mail.to && !Array.isArray(zed.mail.to) ? zed.mail.to.value[0]?.name : undefined;
    expect(shown).toBe(`${name.slice(0, 199)}…`);
    expect(zed?.mail.from?.value[0]?.name).toBe(`Lift${'L'.repeat(195)}…`);
    expect(zed?.mail.subject?.length).toBe(300);
    expect(zed?.mail.subject?.endsWith('x…')).toBe(true);
  });
});

describe('CIRCLE_SMTP_URL read by the URL standard', () => {
  it('an IPv6 host in brackets is reached (a real server on [::1])', async () => {
    const dir = await workspace();
    const smtp = await startSmtp({ host: '::1' });
    servers.push(smtp);
    expect(smtp.url).toContain('@[::1]:');

    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);

    expect(result.code, result.stderr).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });

  it('a / or ? left unencoded in the password is a usage error that shows no part of the user or password, and nothing is sent', async () => {
    const dir = await workspace();
    const smtp = await server();
    for (const password of ['s3cr/et9', 's3cr?et9', 's3cr#et9']) {
      const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'], `smtp://orgbot:${password}@127.0.0.1:${smtp.port}`);
      expect(result.code, password).toBe(2);
      expect(result.stderr, password).toMatch(/CIRCLE_SMTP_URL/);
      expect(result.stderr, password).toMatch(/%2F/);
      for (const part of ['orgbot', 's3cr', 'et9']) expect(result.stderr + result.stdout, password).not.toContain(part);
    }
    expect(smtp.attempts).toEqual([]);
  });

  it('a login the server refuses names the host and port, not the user', async () => {
    const dir = await workspace();
    const smtp = await server();

    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'], `smtp://orgbot:${encodeURIComponent(`${SMTP_PASS}x`)}@127.0.0.1:${smtp.port}`);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`127.0.0.1:${smtp.port} refused the login`);
    for (const part of ['orgbot', SMTP_PASS, encodeURIComponent(SMTP_PASS), SMTP_USER]) expect(result.stderr).not.toContain(part);
    expect(smtp.attempts).toEqual([]);
  });
});
