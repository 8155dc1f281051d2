import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { isExampleWarning } from '../helpers/organiser.js';
import type { Received } from '../helpers/smtp.js';
import { workspace, server, mail, byTo, calendarOf } from '../helpers/mail.js';

describe('looking before sending', () => {
  it('--dry-run lists, --preview writes .eml files, --test-to sends samples: none of them touches the journal', async () => {
    const dir = await workspace();
    const smtp = await server();
    const dry = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual([
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'diego@example.org', name: 'Diego Ruiz', language: 'es', position: 1 },
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'emma@example.org', name: 'Emma Jones', language: 'en', position: 2 },
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'farah@example.org', name: 'Farah "FJ" Khan', language: 'en', position: 3 },
      { circle: 'health-outcomes', kind: 'waitlisted', to: 'gus@example.org', name: 'Gus Lee', language: 'en', position: 4 },
    ]);
    const outbox = join(dir, 'outbox');
    const preview = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--preview', outbox]);
    expect(preview.code).toBe(0);
    const files = readdirSync(outbox).sort();
    expect(files).toEqual(['001-health-outcomes-invitation.eml', '002-health-outcomes-invitation.eml', '003-health-outcomes-invitation.eml']);
    const parsed = await simpleParser(readFileSync(join(outbox, files[0] as string)));
    expect(parsed.to && 'value' in parsed.to ? parsed.to.value[0]?.address : '').toBe('ana@example.org');
    expect(parsed.attachments.some((a) => a.contentType === 'text/calendar')).toBe(true);

    const sample = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'organiser@example.org']);
    expect(sample.code).toBe(0);
    expect(smtp.received.map((r) => r.to)).toEqual([['organiser@example.org'], ['organiser@example.org']]);
    expect(existsSync(join(dir, 'journals', 'health-outcomes.jsonl'))).toBe(false);
  });

  it('--test-to sends one sample of each kind in English and in Spanish, each from someone who chose that language', async () => {
    const dir = await workspace();
    const smtp = await server();
    const sample = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'organiser@example.org', '--json']);
    expect(sample.code).toBe(0);
    expect(JSON.parse(sample.stdout)).toEqual([
      { circle: 'health-outcomes', kind: 'waitlisted', language: 'en', to: 'organiser@example.org', state: 'sent', response: expect.stringMatching(/^250 /) },
      { circle: 'health-outcomes', kind: 'waitlisted', language: 'es', to: 'organiser@example.org', state: 'sent', response: expect.stringMatching(/^250 /) },
    ]);
    expect(sample.stderr).toContain('sent a sample waitlisted message in es to organiser@example.org');
    const [en, es] = smtp.received as [Received, Received];
    expect(en.mail.subject).toContain('Improving health outcomes through open contracting');
    expect(en.mail.text).toContain('Emma Jones');
    expect(en.mail.text).toContain('Wednesday, 4 December 2019, 12:00–13:15 GMT');
    expect(es.mail.subject).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(es.mail.text).toContain('Diego Ruiz');
    expect(es.mail.text).toContain('miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT');
  });

  it('--lang picks the samples\' language: the whole message and its invitation, with the circle\'s translation', async () => {
    const dir = await workspace();
    const smtp = await server();
    // The confirmed people besides Ana read English; Ana is the Spanish sample, so leave her out.
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ana@example.org'], { cwd: dir })).code).toBe(0);
    const sample = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--test-to', 'organiser@example.org', '--lang', 'es']);
    expect(sample.code).toBe(0);
    expect(smtp.received).toHaveLength(2);
    const byKind = (kind: string) => smtp.received.find((r) => r.mail.text?.includes(kind === 'seat' ? 'Diego Ruiz' : 'Ben Okafor')) as Received;
    const ben = byKind('invitation');
    expect(ben.to).toEqual(['organiser@example.org']);
    expect(ben.mail.subject).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(ben.mail.text).toContain('miércoles, 4 de diciembre de 2019');
    expect(ben.mail.text).not.toContain('Wednesday');
    const { event } = calendarOf(ben);
    expect(event.getFirstPropertyValue('summary')).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(event.getFirstPropertyValue('attendee')).toBe('mailto:organiser@example.org');
    expect(byKind('seat').mail.subject).toContain('Mejores resultados en salud');

    const english = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--test-to', 'organiser@example.org', '--lang', 'en']);
    expect(english.code).toBe(0);
    const diego = smtp.received.slice(2).find((r) => r.mail.text?.includes('Diego Ruiz')) as Received;
    expect(diego.mail.subject).toContain('Improving health outcomes through open contracting');
    expect(diego.mail.text).toContain('Wednesday, 4 December 2019');
    expect(existsSync(join(dir, 'journals', 'health-outcomes.jsonl'))).toBe(false);
  });

  it('--lang warns where the circle has no translation of its title, and shows its own', async () => {
    const dir = await workspace();
    const circle = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circle, readFileSync(circle, 'utf8').replace(/translations:[\s\S]*$/, ''));
    const smtp = await server();
    const sample = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'organiser@example.org', '--lang', 'es']);
    expect(sample.code).toBe(0);
    expect(sample.stderr).toContain('warning: health-outcomes has no translations.es.title: the es samples show the en title');
    expect(smtp.received[0]?.mail.subject).toContain('Improving health outcomes through open contracting');
    expect(smtp.received[0]?.mail.text).toContain('miércoles, 4 de diciembre de 2019');
  });
});

describe('--json when nothing is sent', () => {
  it('prints the documented shapes: results per circle, [] for --dry-run, --preview and --test-to', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await mail(dir, smtp, ['invites', 'send', 'health-outcomes'])).code).toBe(0);
    const json = async (args: string[]) => {
      const result = await mail(dir, smtp, ['invites', 'send', 'health-outcomes', '--json', ...args]);
      expect(result.code).toBe(0);
      expect(result.stderr).toContain('health-outcomes: nothing to send; 3 already sent');
      return JSON.parse(result.stdout) as unknown;
    };
    expect(await json([])).toEqual([{ circle: 'health-outcomes', results: [], notTried: [], stopped: null }]);
    expect(await json(['--dry-run'])).toEqual([]);
    expect(await json(['--preview', join(dir, 'outbox')])).toEqual([]);
    expect(await json(['--test-to', 'organiser@example.org'])).toEqual([]);
    expect(smtp.received).toHaveLength(3);

    const all = await mail(dir, smtp, ['invites', 'send', '--all', '--json']);
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual(
      ['making-a-case', 'supplier-engagement', 'health-outcomes', 'ocds-field-mapping'].map((circle) => ({ circle, results: [], notTried: [], stopped: null })),
    );
  });

  it('--preview --json lists each file with who gets it', async () => {
    const dir = await workspace();
    const smtp = await server();
    const preview = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--preview', 'outbox', '--json']);
    expect(preview.code).toBe(0);
    expect((JSON.parse(preview.stdout) as Array<{ to: string; file: string }>).map((r) => [r.to, r.file])).toEqual([
      ['diego@example.org', 'outbox/001-health-outcomes-waitlisted.eml'],
      ['emma@example.org', 'outbox/002-health-outcomes-waitlisted.eml'],
      ['farah@example.org', 'outbox/003-health-outcomes-waitlisted.eml'],
      ['gus@example.org', 'outbox/004-health-outcomes-waitlisted.eml'],
    ]);
  });
});

describe('mail command usage', () => {
  it('rejects a bad --rate, --test-to, --lang or --recording, and two ways of not sending at once, with exit 2, and sends with a good rate', async () => {
    const dir = await workspace();
    const smtp = await server();
    const rate = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--rate', 'fast']);
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--rate "fast" is not a rate');
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'me@'])).code).toBe(2);
    expect((await mail(dir, smtp, ['followup', 'health-outcomes', '--recording', 'ftp://video.example.org/x'])).code).toBe(2);
    const unknown = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcome']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('did you mean "health-outcomes"?');
    const lang = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--lang', 'es']);
    expect([lang.code, lang.stderr]).toEqual([2, expect.stringContaining('error: --lang picks the language of the --test-to samples\n  hint: add --test-to <your address>')]);
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--preview', 'outbox', '--lang', 'es'])).code).toBe(2);
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--test-to', 'me@example.org', '--lang', 'fr'])).code).toBe(2);
    for (const [first, second] of [[['--dry-run'], ['--test-to', 'me@example.org']], [['--dry-run'], ['--preview', 'outbox']], [['--preview', 'outbox'], ['--test-to', 'me@example.org']]] as const) {
      // Commander's own refusal, its message on stderr.
      const both = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', ...first, ...second]);
      expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(new RegExp(`^error: option '${first[0]}.*' cannot be used with option '${second[0]}`))]);
    }
    const missing = await circle(['waitlist', 'notify', 'health-outcomes'], { cwd: dir, env: { CIRCLE_SMTP_URL: undefined } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('CIRCLE_SMTP_URL is not set');
    expect(smtp.received).toEqual([]);
    const paced = await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes', '--rate', '20/s']);
    expect(paced.code).toBe(0);
    expect(smtp.received).toHaveLength(4);
  });
});

describe('mail templates', () => {
  it("uses the workspace's own template, and validate catches a translation that drops a field", async () => {
    const dir = await workspace();
    const folder = join(dir, 'templates', 'mail', 'waitlisted');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'en.subject.hbs'), 'Waitlist #{{person.position}}: {{circle.title}}\n');
    const smtp = await server();
    expect((await mail(dir, smtp, ['waitlist', 'notify', 'health-outcomes'])).code).toBe(0);
    expect(byTo(smtp.received, 'gus@example.org')?.mail.subject).toBe('Waitlist #4: Improving health outcomes through open contracting');
    expect(byTo(smtp.received, 'diego@example.org')?.mail.subject).toContain('Estás en la lista de espera');

    const check = await circle(['validate', '--json'], { cwd: dir });
    expect(check.code).toBe(1);
    const problems = (JSON.parse(check.stdout) as { problems: Array<{ file: string; message: string }> }).problems.filter((p) => !isExampleWarning(p));
    // Both in the workspace's own file: the bundled Spanish one is not the organiser's to fix.
    expect(problems.map((p) => [p.file.replace(/.*\/templates\//, 'templates/'), p.message.replace(/ \S+hbs(:\d+ uses it)?$/, '')])).toEqual([
      ['templates/mail/waitlisted/en.subject.hbs', '{{person.position}} is used here but not in'],
      ['templates/mail/waitlisted/en.subject.hbs', '{{circle.number}} is missing here:'],
    ]);
  });
});
