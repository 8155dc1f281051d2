import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circle } from '../helpers/in-process.js';
import { byTo, server, to, workspace } from '../helpers/mail.js';
import type { TestSmtp } from '../helpers/smtp.js';

/* `circle remind`: each confirmed person gets the reminder due, once, by the run's clock (issue 15). */

// Circle #3 starts 2019-12-04 12:00 GMT; the workspace seats Ana (Spanish), Ben and Chloé, and waitlists four.
const at = (iso: string) => new Date(iso);
const remind = (dir: string, smtp: TestSmtp, now: Date, args: string[] = []) =>
  circle(['remind', 'health-outcomes', '--yes', ...args], { cwd: dir, env: { CIRCLE_SMTP_URL: smtp.url }, now });
const edit = (dir: string, from: string | RegExp, into: string) => {
  const file = join(dir, 'circles', 'health-outcomes.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, into));
};

describe('circle remind', () => {
  it('sends nothing three days before the start', async () => {
    const dir = await workspace();
    const smtp = await server();
    const run = await remind(dir, smtp, at('2019-12-01T12:00Z'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('sends the 24 h reminder to each confirmed person once, each in their language', async () => {
    const dir = await workspace();
    const smtp = await server();
    const run = await remind(dir, smtp, at('2019-12-03T12:00Z'));
    expect(run.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    const ben = byTo(smtp.received, 'ben@example.org');
    expect(ben?.mail.subject).toBe('Reminder: Learning Circle #3: Improving health outcomes through open contracting');
    expect(ben?.mail.text).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 GMT\n');
    expect(ben?.mail.text).toContain('Join the session: https://meet.example.org/lift-3');
    const ana = byTo(smtp.received, 'ana@example.org');
    expect(ana?.mail.subject).toBe('Recordatorio: Círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta');
    expect(ana?.mail.text).toContain('Te recordamos que tienes plaza en el círculo de aprendizaje n.º 3');
    expect(ana?.mail.text).toContain('Únete a la sesión: https://meet.example.org/lift-3');

    smtp.received.length = 0;
    const again = await remind(dir, smtp, at('2019-12-03T18:00Z'));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('sends no reminder to a cancelled person, nor to the waitlist', async () => {
    const dir = await workspace();
    expect((await circle(['signups', 'cancel', 'health-outcomes', 'ben@example.org'], { cwd: dir })).code).toBe(0);
    const smtp = await server();
    expect((await remind(dir, smtp, at('2019-12-03T12:00Z'))).code).toBe(0);
    // Ben's seat went to Diego, the first waitlisted.
    expect(to(smtp.received)).toEqual(['ana@example.org', 'chloe@example.org', 'diego@example.org']);
  });

  it('sends nothing from the start on, nor for a cancelled circle', async () => {
    const dir = await workspace();
    const smtp = await server();
    expect((await remind(dir, smtp, at('2019-12-04T12:00Z'))).stderr).toContain('health-outcomes: nothing to send');
    edit(dir, 'status: scheduled', 'status: cancelled');
    expect((await remind(dir, smtp, at('2019-12-04T11:00Z'))).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('a late run sends only the latest reminder due, and the time in UTC too', async () => {
    const dir = await workspace();
    edit(dir, 'timezone: GMT', 'timezone: America/Bogota\nreminders: [24h, 1h]');
    const smtp = await server();
    // 17:00 GMT is 12:00 in Bogotá; half an hour before, both reminders have come: only the 1 h one goes.
    const late = await remind(dir, smtp, at('2019-12-04T16:30Z'));
    expect(late.code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    const sent = readFileSync(join(dir, 'journals', 'health-outcomes.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { key: string; state: string });
    expect(sent.filter((r) => r.state === 'sent').map((r) => /:(PT[0-9HM]+):/.exec(r.key)?.[1])).toEqual(['PT1H', 'PT1H', 'PT1H']);
    expect(byTo(smtp.received, 'ben@example.org')?.mail.text).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 Colombia Standard Time (GMT-5) (17:00–18:15 GMT)\n');
    smtp.received.length = 0;
    expect((await remind(dir, smtp, at('2019-12-04T16:50Z'))).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('with reminders: [] sends none', async () => {
    const dir = await workspace();
    edit(dir, 'status: scheduled', 'status: scheduled\nreminders: []');
    const smtp = await server();
    expect((await remind(dir, smtp, at('2019-12-04T11:30Z'))).stderr).toContain('health-outcomes: nothing to send');
    expect(smtp.received).toEqual([]);
  });

  it('lists who would be reminded, and sends samples in both languages, without touching the journal', async () => {
    const dir = await workspace();
    const smtp = await server();
    const now = at('2019-12-03T12:00Z');
    const dry = await circle(['remind', 'health-outcomes', '--dry-run', '--json'], { cwd: dir, now });
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toEqual([
      { circle: 'health-outcomes', kind: 'reminder', to: 'ana@example.org', name: 'Ana Pérez', language: 'es' },
      { circle: 'health-outcomes', kind: 'reminder', to: 'ben@example.org', name: 'Ben Okafor', language: 'en' },
      { circle: 'health-outcomes', kind: 'reminder', to: 'chloe@example.org', name: 'Chloé Martin Bcc: victim@example.org', language: 'en' },
    ]);
    const samples = await remind(dir, smtp, now, ['--test-to', 'me@example.org']);
    expect(samples.code).toBe(0);
    expect(smtp.received.map((r) => [r.to[0], r.mail.subject?.split(':')[0]])).toEqual([
      ['me@example.org', 'Reminder'],
      ['me@example.org', 'Recordatorio'],
    ]);
    smtp.received.length = 0;
    expect((await remind(dir, smtp, now)).code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
  });

  it("takes the series' reminders when the circle has none, and the circle's over the series'", async () => {
    const dir = await workspace();
    const series = join(dir, 'circles', 'lift.series.yaml');
    writeFileSync(series, `${readFileSync(series, 'utf8')}reminders: [2h]\n`);
    const smtp = await server();
    expect((await remind(dir, smtp, at('2019-12-03T12:00Z'))).stderr).toContain('health-outcomes: nothing to send');
    expect((await remind(dir, smtp, at('2019-12-04T10:00Z'))).code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
    smtp.received.length = 0;
    edit(dir, 'status: scheduled', 'status: scheduled\nreminders: [30m]');
    expect((await remind(dir, smtp, at('2019-12-04T11:00Z'))).stderr).toContain('health-outcomes: nothing to send');
    expect((await remind(dir, smtp, at('2019-12-04T11:30Z'))).code).toBe(0);
    expect(to(smtp.received)).toEqual(['ana@example.org', 'ben@example.org', 'chloe@example.org']);
  });
});
