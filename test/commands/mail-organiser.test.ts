import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mail, server, servers, workspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';

afterEach(async () => {
  for (const smtp of servers.splice(0)) await smtp.close();
});

// A server that is not this machine: the refusal comes before any connection, so none is made.
const REAL_SERVER = 'smtp://circles:secret@smtp.mailhost.net:587';
const journal = (dir: string) => join(dir, 'journals', 'health-outcomes.jsonl');

describe('mail from an example organiser', () => {
  it('is refused through a server that is not on loopback, naming the setting to fix; nothing is recorded', async () => {
    const dir = await workspace();
    for (const args of [['waitlist', 'notify', 'health-outcomes'], ['invites', 'send', 'health-outcomes']]) {
      const result = await circle(args, { cwd: dir, env: { CIRCLE_SMTP_URL: REAL_SERVER } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'error: mail would come from circles@example.org (organizer.email in circles/lift.series.yaml), a domain reserved for examples (example.org): replies and calendar answers could never arrive',
      );
      expect(result.stderr).toContain("hint: put the organiser's real address in organizer.email in circles/lift.series.yaml; nothing was sent");
      expect(result.stderr).not.toContain('cannot reach');
      expect(existsSync(journal(dir))).toBe(false);
    }
  });

  it('names the circle file or CIRCLE_FROM when that is where the address comes from', async () => {
    const dir = await workspace();
    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, `${readFileSync(file, 'utf8')}organizer:\n  name: Viktor\n  email: viktor@lift.test\n`);
    const own = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: REAL_SERVER } });
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('mail would come from viktor@lift.test (organizer.email in circles/health-outcomes.yaml), a domain reserved for examples (.test)');

    const series = join(dir, 'circles', 'lift.series.yaml');
    writeFileSync(series, readFileSync(series, 'utf8').replace(/^organizer:\n(?: {2}.*\n)+/m, ''));
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^organizer:\n(?: {2}.*\n)+/m, ''));
    const env = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: REAL_SERVER, CIRCLE_FROM: 'Lift <circles@example.com>' } });
    expect(env.code).toBe(1);
    expect(env.stderr).toContain('mail would come from circles@example.com (CIRCLE_FROM), a domain reserved for examples (example.com)');
    expect(existsSync(journal(dir))).toBe(false);
  });

  it('goes out through a test server on loopback, as every mail test does', async () => {
    const dir = await workspace();
    const smtp = await server();
    const result = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes']);
    expect(result.code).toBe(0);
    expect(smtp.received.map((r) => r.from)).toEqual(Array(smtp.received.length).fill('circles@example.org'));
    expect(smtp.received.length).toBeGreaterThan(0);
    expect(existsSync(journal(dir))).toBe(true);
  });
});
