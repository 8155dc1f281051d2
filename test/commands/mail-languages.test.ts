import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Received } from '../helpers/smtp.js';
import { workspace, server, mail, byTo, calendarOf, spanishWorkspace } from '../helpers/mail.js';
import { circle } from '../helpers/in-process.js';

const HELD_IN_SPANISH = 'The session is held in Spanish.';
const EN_INGLES = 'La sesión es en inglés.';

describe('a reader whose language is not the session’s', () => {
  it('is told in their own language that the English session is in English; readers of English are not', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const diego = byTo(smtp.received, 'diego@example.org') as Received;
    expect(diego.mail.text).toContain(`miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT. ${EN_INGLES}\n`);
    const ana = byTo(smtp.received, 'ana@example.org') as Received;
    expect(ana.mail.text).toContain(`Tienes plaza en el círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta. ${EN_INGLES}\n`);
    expect(calendarOf(ana).event.getFirstPropertyValue('description')).toContain(`\n${EN_INGLES} La sesión se grabará.`);
    for (const address of ['ben@example.org', 'gus@example.org']) {
      const english = byTo(smtp.received, address) as Received;
      expect(english.mail.text).not.toMatch(/held in|is in English/);
    }
    expect(calendarOf(byTo(smtp.received, 'ben@example.org') as Received).event.getFirstPropertyValue('description')).not.toContain('held in');
  });

  it('on a Spanish session, an English reader hears so in the waitlist, seat, invitation, update and recording mail and the invitation', async () => {
    const dir = await spanishWorkspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const gus = byTo(smtp.received, 'gus@example.org') as Received;
    expect(gus.mail.text).toContain(`Thank you for signing up for Learning Circle #3: Improving health outcomes through open contracting, on Wednesday, 4 December 2019, 12:00–13:15 GMT. ${HELD_IN_SPANISH}\n`);
    expect(gus.mail.html).toContain(HELD_IN_SPANISH);
    const ben = byTo(smtp.received, 'ben@example.org') as Received;
    expect(ben.mail.text).toContain(`You have a seat at Learning Circle #3: Improving health outcomes through open contracting. ${HELD_IN_SPANISH}\n`);
    expect(calendarOf(ben).event.getFirstPropertyValue('description')).toContain(`\n${HELD_IN_SPANISH} The session will be recorded.`);
    for (const address of ['ana@example.org', 'diego@example.org']) {
      expect(byTo(smtp.received, address)?.mail.text).not.toContain('La sesión es en');
    }

    // A seat freed for an English reader; then a new time; then the recording.
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'diego@example.org'], { cwd: dir })).code).toBe(0);
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir })).code).toBe(0);
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    const emma = byTo(smtp.received, 'emma@example.org') as Received;
    expect(emma.mail.subject).toBe('A seat opened for you: Learning Circle #3: Improving health outcomes through open contracting');
    expect(emma.mail.text).toContain(`and it is yours. ${HELD_IN_SPANISH}\n`);
    expect(calendarOf(emma).event.getFirstPropertyValue('description')).toContain(HELD_IN_SPANISH);

    const file = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('start: 2019-12-04T12:00', 'start: 2019-12-05T15:00').replace('end: 13:15', 'end: 16:15'));
    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const update = byTo(smtp.received, 'ben@example.org') as Received;
    expect(update.mail.subject).toBe('Changed: Learning Circle #3: Improving health outcomes through open contracting');
    expect(update.mail.text).toContain(`\n\n${HELD_IN_SPANISH}\n\n`);

    smtp.received.length = 0;
    expect((await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'https://video.example.org/lift-3'])).code).toBe(0);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.text).toContain('https://video.example.org/lift-3\n\nThe recording is in Spanish.\n');
  });
});
