import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { byTo, mail, server, workspace } from '../helpers/mail.js';
import type { Received } from '../helpers/smtp.js';

/*
 * The update mail says old and new time in the reader's language and in the zone of the circle (the
 * zone the reader was told it in), each with its own offset: here across the end of summer time (issue 11).
 */

const edit = (dir: string, change: (text: string) => string) => {
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, change(readFileSync(file, 'utf8')));
};

describe('an update across a change of offset', () => {
  it('gives old and new time in the circle zone, each with its offset, in English and Spanish, to the invited and the waitlist', async () => {
    const dir = await workspace();
    edit(dir, (text) => text.replace('timezone: GMT', 'timezone: America/New_York').replace('start: 2019-12-04T12:00', 'start: 2019-10-30T12:00'));
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    edit(dir, (text) => text.replace('start: 2019-10-30T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    smtp.received.length = 0;

    const sent = await mail(dir, smtp, ['invites', 'send', 'health-outcomes']);
    expect(sent.code).toBe(0);
    expect(sent.stderr).toContain('to send: 3 update, 4 waitlisted-update');
    const text = (address: string) => (byTo(smtp.received, address) as Received).mail.text;
    const en = 'When: now Thursday, 5 December 2019, 15:00–16:15 Eastern Standard Time (GMT-5) (was Wednesday, 30 October 2019, 12:00–13:15 Eastern Daylight Time (GMT-4))';
    const es = 'Fecha y hora: ahora jueves, 5 de diciembre de 2019, 15:00–16:15 hora estándar oriental (GMT-5) (antes: miércoles, 30 de octubre de 2019, 12:00–13:15 hora de verano oriental (GMT-4))';
    expect(text('ben@example.org')).toContain(en);
    expect(text('ana@example.org')).toContain(es);
    expect(text('emma@example.org')).toContain(en);
    expect(text('diego@example.org')).toContain(es);
  });
});
