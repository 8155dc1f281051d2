import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, expect } from 'vitest';
import { exampleWorkspace, runCliAsync } from './cli.js';
import { circle } from './in-process.js';
import { startSmtp, type Received, type TestSmtp, type Verdict } from './smtp.js';

/* What the mail command tests share: a workspace with people on a roster, SMTP servers closed after each test. */

export const FIXTURE = new URL('../fixtures/mail/signups.csv', import.meta.url).pathname;
/** Servers a test started; each is closed after the test. */
export const servers: TestSmtp[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** The example workspace, circle #3 with 3 seats, and the fixture's 7 people imported: 3 seated, 4 waitlisted. */
export async function workspace(): Promise<string> {
  const dir = exampleWorkspace();
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('capacity: 20', 'capacity: 3'));
  expect((await circle(['signups', 'import', 'health-outcomes', FIXTURE], { cwd: dir })).code).toBe(0);
  return dir;
}

/** Replaces text in a file of the workspace's circles/ folder. */
export function editCircles(dir: string, name: string, change: (text: string) => string): void {
  const file = join(dir, 'circles', name);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/**
 * The workspace above with no placeholder left (an organizer at a real domain, no example links,
 * calendar ids under .invalid): nothing in it needs a person, so `circle status --check` and
 * `circle run` exit 0 unless something else does.
 */
export async function cleanWorkspace(): Promise<string> {
  return withoutPlaceholders(await workspace());
}

/** The workspace `dir` with the examples' placeholder settings replaced, so nothing in it needs a person. */
export function withoutPlaceholders(dir: string): string {
  editCircles(dir, 'lift.series.yaml', (text) => text.replace(/^mailing_list_url: .*\n/m, '').replace('email: circles@example.org', 'email: circles@lift.org.uk').replace(/^uid_domain: .*$/m, 'uid_domain: lift-status.invalid'));
  for (const name of ['making-a-case.yaml', 'supplier-engagement.yaml', 'health-outcomes.yaml', 'ocds-field-mapping.yaml']) editCircles(dir, name, (text) => text.replace(/^signup_url: .*\n/m, '').replace('meet.example.org', 'meet.lift-status.net'));
  return dir;
}

export async function server(verdict?: (to: string, count: number) => Verdict, port?: number) {
  const smtp = await startSmtp({ verdict, ...(port ? { port } : {}) });
  servers.push(smtp);
  return smtp;
}

/** A mail command run in the test process, this server's URL in its environment. */
export const mail = (dir: string, smtp: TestSmtp, args: string[], url = smtp.url) => circle(args, { cwd: dir, env: { CIRCLE_SMTP_URL: url } });
/** The same on the built CLI: for runs killed, limited by ulimit or run side by side. */
export const mailCli = (dir: string, smtp: TestSmtp, args: string[], url = smtp.url) => runCliAsync(args, { cwd: dir, env: { CIRCLE_SMTP_URL: url } });
export const to = (received: Received[]) => received.map((r) => r.to[0]).sort();
export const byTo = (received: Received[], address: string) => received.find((r) => r.to[0] === address);

export function calendarOf(message: Received) {
  const part = message.mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!part) throw new Error(`no calendar part for ${message.to[0]}`);
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')));
  return { calendar, event: calendar.getFirstSubcomponent('vevent') as ICAL.Component, method: part.headers.get('content-type') };
}

/** The same circle held in Spanish: its own title Spanish, the English one a translation. */
export async function spanishWorkspace(): Promise<string> {
  const dir = await workspace();
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  const text = readFileSync(file, 'utf8');
  writeFileSync(
    file,
    text
      .replace('language: en', 'language: es')
      .replace(/^title: .*$/m, 'title: Mejores resultados en salud gracias a la contratación abierta')
      .replace(/\ntranslations:\n[\s\S]*$/, '\ntranslations:\n  en:\n    title: Improving health outcomes through open contracting\n'),
  );
  return dir;
}
