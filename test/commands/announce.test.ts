import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, tempDir } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';
import { rosterFile } from '../../src/workspace/paths.js';
import { editedWorkspace, overrideTemplate } from '../announce/render.js';

const GOLDEN = '../golden/announce';

/** What announce says on stderr of the shipped 2019 circles, whose text still reads as announced. */
const PAST_NOTE = [
  'warning: 4 circles have started but are still scheduled; this announcement offers them as if to come:',
  '  making-a-case: Wednesday 6 November 2019, 08:30 GMT',
  '  supplier-engagement: Thursday 21 November 2019, 13:00 GMT',
  '  health-outcomes: Wednesday 4 December 2019, 12:00 GMT',
  '  ocds-field-mapping: Monday 16 December 2019, 10:00 GMT',
  '  hint: if one moved, change its start; if it did not take place, set status: cancelled (an archive needs nothing)',
];

describe('circle announce: golden announcements of the example circles', async () => {
  for (const lang of ['en', 'es'] as const) {
    for (const format of ['text', 'markdown', 'html'] as const) {
      it(`series announcement in ${lang}, ${format}`, async () => {
        const result = await circle(['announce', '--lang', lang, '--format', format], { cwd: exampleWorkspace() });
        expect(result.stderr.trimEnd().split('\n')).toEqual(PAST_NOTE);
        expect(result.code).toBe(0);
        await expect(result.stdout).toMatchFileSnapshot(`${GOLDEN}/series.${lang}.${format}`);
      });
    }
  }

  it('derives weekdays from the dates: 4 December 2019 is a Wednesday, a miércoles', async () => {
    const dir = exampleWorkspace();
    const en = (await circle(['announce', '--format', 'text'], { cwd: dir })).stdout;
    const es = (await circle(['announce', '--lang', 'es', '--format', 'text'], { cwd: dir })).stdout;
    expect(en).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 GMT');
    expect(es).toContain('Fecha y hora: miércoles, 4 de diciembre de 2019, 12:00–13:15 GMT');
    expect(en).not.toMatch(/Thursday,? 4 Dec/);
  });

  it('writes a reminder of one circle, in its own language by default, with extra zones across the date line', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['announce', 'health-outcomes', '--format', 'text', '--tz', 'America/Bogota,Africa/Johannesburg', '--tz', 'Pacific/Kiritimati'], { cwd: dir });
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`${GOLDEN}/reminder.en.text`);
    const es = await circle(['announce', 'health-outcomes', 'ocds-field-mapping', '--lang', 'es', '--tz', 'Asia/Manila'], { cwd: dir });
    expect(es.code).toBe(0);
    await expect(es.stdout).toMatchFileSnapshot(`${GOLDEN}/reminder.es.markdown`);
  });

  it('puts the subject line first in text and Markdown, in <title> in HTML, and as a field in --json', async () => {
    const dir = exampleWorkspace();
    const subject = 'Reminder: Improving health outcomes through open contracting (Wednesday, 4 December 2019)';
    expect((await circle(['announce', 'health-outcomes', '--format', 'text'], { cwd: dir })).stdout.split('\n')[0]).toBe(subject);
    expect((await circle(['announce', 'health-outcomes'], { cwd: dir })).stdout.split('\n')[0]).toBe(`# ${subject}`);
    expect((await circle(['announce', 'health-outcomes', '--format', 'html'], { cwd: dir })).stdout).toContain(`<title>${subject}</title>`);
    const json = JSON.parse((await circle(['announce', '--lang', 'es', '--json', '--tz', 'America/Bogota'], { cwd: dir })).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      kind: 'series',
      series: 'lift',
      lang: 'es',
      format: 'markdown',
      subject: 'Presentamos Lift Learning Circles: 4 círculos de aprendizaje, 6 de noviembre\u2009–\u200916 de diciembre de 2019',
      circles: ['making-a-case', 'supplier-engagement', 'health-outcomes', 'ocds-field-mapping'],
      timezones: ['America/Bogota'],
      file: null,
    });
    expect(json.body).toBe((await circle(['announce', '--lang', 'es', '--tz', 'America/Bogota'], { cwd: dir })).stdout);
  });

  it('writes --out atomically and says so on stderr, with nothing on stdout', async () => {
    const dir = exampleWorkspace();
    const result = await circle(['announce', '--format', 'html', '--out', 'anuncio.html', '--lang', 'es'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('wrote anuncio.html: Presentamos Lift Learning Circles');
    expect(readFileSync(join(dir, 'anuncio.html'), 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="es">/);
    const missingFolder = await circle(['announce', '--out', 'no/such/folder/a.md'], { cwd: dir });
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.stderr).toContain('cannot write no/such/folder/a.md: no such folder');
  });

  it('never shows the meeting link, in any language, format or kind', async () => {
    const dir = exampleWorkspace();
    for (const lang of ['en', 'es']) {
      for (const format of ['text', 'markdown', 'html']) {
        for (const ids of [[], ['health-outcomes']]) {
          const result = await circle(['announce', ...ids, '--lang', lang, '--format', format, '--json'], { cwd: dir });
          expect(result.code).toBe(0);
          expect(result.stdout).toContain('forms.example.org/lift-');
          expect(result.stdout).not.toContain('meet.example.org');
        }
      }
    }
  });

  it('marks a cancelled circle as cancelled and does not offer it for sign-up', async () => {
    const dir = editedWorkspace({ 'supplier-engagement.yaml': (text) => text.replace('status: scheduled', 'status: cancelled') });
    const en = (await circle(['announce', '--format', 'text'], { cwd: dir })).stdout;
    expect(en).toContain('\nCancelled: Learning Circle #2: Supplier engagement & increasing SME participation\n');
    expect(en).toContain('\nThis circle is cancelled. It was planned for Thursday, 21 November 2019, 13:00–14:15 GMT and will not take place.\n');
    expect(en).not.toContain('forms.example.org/lift-2');
    expect(en.split('\n')[0]).toBe('Announcing Lift Learning Circles: 3 learning circles, 6 November\u2009–\u200916 December 2019');
    const es = (await circle(['announce', '--lang', 'es'], { cwd: dir })).stdout;
    expect(es).toContain('\n## Cancelado: Círculo de aprendizaje n.º 2: Relación con los proveedores y mayor participación de las pymes\n');
    expect(es).toContain('\n**Este círculo se ha cancelado.** Estaba previsto para el jueves, 21 de noviembre de 2019, 13:00–14:15 GMT y no se realizará.\n');
    expect(es).not.toContain('lift-2');
  });
});

describe('circle announce: choosing what to announce', async () => {
  it('needs --series when the workspace has several, and names them (exit 2)', async () => {
    const dir = exampleWorkspace();
    const other = readFileSync(join(dir, 'circles', 'lift.series.yaml'), 'utf8').replace('slug: lift', 'slug: ocds-clinics').replace('name: Lift Learning Circles', 'name: OCDS Clinics');
    writeFileSync(join(dir, 'circles', 'ocds-clinics.series.yaml'), other);
    const result = await circle(['announce'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('this workspace has 2 series: lift, ocds-clinics');
    expect(result.stderr).toContain('--series');
    expect(result.stdout).toBe('');
    const picked = await circle(['announce', '--series', 'lift', '--format', 'text'], { cwd: dir });
    expect(picked.code).toBe(0);
    expect(picked.stdout.split('\n')[0]).toContain('Lift Learning Circles: 4 learning circles');
    const empty = await circle(['announce', '--series', 'ocds-clinics'], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('series "ocds-clinics" has no circles yet');
    const clinic = readFileSync(join(dir, 'circles', 'making-a-case.yaml'), 'utf8').replace('id: making-a-case', 'id: clinic-1').replace('series: lift', 'series: ocds-clinics');
    writeFileSync(join(dir, 'circles', 'clinic-1.yaml'), clinic);
    const mixed = await circle(['announce', 'clinic-1', 'health-outcomes'], { cwd: dir });
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('these circles belong to different series (ocds-clinics, lift)');
    const wrongSeries = await circle(['announce', 'clinic-1', '--series', 'lift'], { cwd: dir });
    expect(wrongSeries.code).toBe(2);
    expect(wrongSeries.stderr).toContain('circle "clinic-1" is in series "ocds-clinics", not "lift"');
    expect((await circle(['announce', '--series', 'ocds-clinics', '--format', 'text'], { cwd: dir })).stdout).toMatch(/^Announcing OCDS Clinics: 1 learning circle, 6 November 2019\n/);
  });

  it('rejects unknown circles, series, languages, formats and zones with exit 2 and a hint', async () => {
    const dir = exampleWorkspace();
    const id = await circle(['announce', 'health-outcome'], { cwd: dir });
    expect(id.code).toBe(2);
    expect(id.stderr).toContain('no circle "health-outcome"');
    expect(id.stderr).toContain('did you mean "health-outcomes"?');
    const series = await circle(['announce', '--series', 'lfit'], { cwd: dir });
    expect(series.code).toBe(2);
    expect(series.stderr).toContain('series here: lift');
    expect((await circle(['announce', '--lang', 'fr'], { cwd: dir })).code).toBe(2);
    expect((await circle(['announce', '--format', 'pdf'], { cwd: dir })).code).toBe(2);
    const zone = await circle(['announce', '--tz', 'America/Bogota,Mars/Olympus'], { cwd: dir });
    expect(zone.code).toBe(2);
    expect(zone.stderr).toContain('--tz: "Mars/Olympus" is not a known IANA time zone');
    const offset = await circle(['announce', '--tz', 'EST'], { cwd: dir });
    expect(offset.code).toBe(2);
    expect(offset.stderr).toContain('"EST" is not an IANA time zone');
  });

  it("uses the series' extra_timezones by default; --tz replaces them and --no-tz drops them", async () => {
    const dir = editedWorkspace({ 'lift.series.yaml': (text) => text.replace('timezone: GMT', 'timezone: GMT\nextra_timezones: [America/Bogota, Asia/Manila]') });
    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
    const byDefault = (await circle(['announce', 'health-outcomes', '--format', 'text'], { cwd: dir })).stdout;
    expect(byDefault).toContain('      07:00–08:15 Colombia Standard Time (GMT-5)\n      20:00–21:15 Philippine Standard Time (GMT+8)\n');
    const replaced = (await circle(['announce', 'health-outcomes', '--format', 'text', '--tz', 'Africa/Johannesburg'], { cwd: dir })).stdout;
    expect(replaced).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 GMT\n      14:00–15:15 South Africa Standard Time (GMT+2)\nHost:');
    const none = (await circle(['announce', 'health-outcomes', '--format', 'text', '--no-tz'], { cwd: dir })).stdout;
    expect(none).toContain('When: Wednesday, 4 December 2019, 12:00–13:15 GMT\nHost:');
    const bad = editedWorkspace({ 'lift.series.yaml': (text) => text.replace('timezone: GMT', 'timezone: GMT\nextra_timezones: [America/Bogata]') });
    const check = await circle(['validate'], { cwd: bad });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('lift.series.yaml:');
    expect(check.stdout).toContain('"America/Bogata" is not a known IANA time zone');
  });

  it('warns on stderr about each missing translation, naming the field, and shows the circle text instead', async () => {
    const dir = editedWorkspace({
      'health-outcomes.yaml': (text) => text.replace(/\n {4}summary: \|-\n.*\n/, '\n').replace('topics: []', 'topics: [WHO guidance]'),
      'lift.series.yaml': (text) => text.replace(/\n {2}es: \|\n(?: {4}.*\n|\n)+/, '\n'),
    });
    const result = await circle(['announce', '--lang', 'es', '--format', 'text'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      ...PAST_NOTE,
      'warning: circles/health-outcomes.yaml: no translations.es.summary; the English text is shown instead',
      'warning: circles/health-outcomes.yaml: no translations.es.topics; the English text is shown instead',
      'warning: circles/lift.series.yaml: no introduction.es; the English text is shown instead',
    ]);
    expect(result.stdout).toContain('Mejores resultados en salud gracias a la contratación abierta');
    expect(result.stdout).toContain('The link between improved health outcomes');
    expect(result.stdout).toContain('Hablaremos de:\n  - WHO guidance\n');
    expect(result.stdout).toContain('The open contracting journey can be long');
    expect((await circle(['announce', '--format', 'text'], { cwd: dir })).stderr.trimEnd().split('\n')).toEqual(PAST_NOTE);
  });
});

describe('circle announce: templates', async () => {
  it("uses a workspace's own template for that file only, which may word things its own way", async () => {
    const dir = exampleWorkspace();
    overrideTemplate(dir, 'en.text.hbs', (text) => text.replace('{{@words.host}}: {{host.name}}', 'Hosted by {{host.name}}'));
    const en = await circle(['announce', 'health-outcomes', '--format', 'text'], { cwd: dir });
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('Hosted by Viktor Nestulia (Open Contracting Partnership)');
    expect(en.stdout).not.toContain('Host: ');
    const markdown = (await circle(['announce', 'health-outcomes'], { cwd: dir })).stdout;
    expect(markdown).toContain('- **Host:** Viktor Nestulia');
    const es = (await circle(['announce', 'health-outcomes', '--format', 'text', '--lang', 'es'], { cwd: dir })).stdout;
    expect(es).toContain('Modera: Viktor Nestulia');
    // Its own word instead of {{@words.host}} is no missing translation.
    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
  });

  it('fails with the template place when a template uses a field that does not exist', async () => {
    const dir = exampleWorkspace();
    overrideTemplate(dir, 'en.markdown.hbs', (text) => text.replace('{{host.name}}', '{{host.nmae}}'));
    const result = await circle(['announce'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: templates\/announce\/en\.markdown\.hbs:\d+:\d+: \{\{nmae\}\} is not a field of the announcement/);
    expect(result.stdout).toBe('');
  });

  it('circle validate checks that the English and Spanish templates use the same placeholders', async () => {
    const dir = exampleWorkspace();
    expect((await circle(['validate'], { cwd: dir })).code).toBe(0);
    overrideTemplate(dir, 'es.html.hbs', (text) => text.replace('{{plural seats.left one="solo queda #" other="quedan #"}} de {{seats.capacity}}', 'quedan pocas'));
    overrideTemplate(dir, 'en.subject.hbs', (text) => text.replace('{{series.name}}:', '{{series.nmae}}:'));
    const result = await circle(['validate'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^templates\/announce\/es\.html\.hbs:1:1: error: \{\{circles\.seats\.left\}\} is missing here: .*templates\/announce\/en\.html\.hbs:\d+ uses it$/m);
    expect(result.stdout).toMatch(/templates\/announce\/en\.subject\.hbs:3:\d+: error: \{\{series\.nmae\}\} is not a field of the announcement\n {2}hint: did you mean "series\.name"\?/);
  });

  it('runs in a workspace made by circle init, from another folder with -C', async () => {
    const dir = tempDir();
    expect((await circle(['init', 'ws'], { cwd: dir })).code).toBe(0);
    const result = await circle(['-C', 'ws', 'announce', '--format', 'text'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Announcing My Learning Circles: 1 learning circle, /);
  });
});

describe('circle announce with rosters', async () => {
  it('says how many seats are left where a roster exists, and that a full circle has a waitlist', async () => {
    const dir = exampleWorkspace();
    const fixture = new URL('../fixtures/signups/google-forms-en.csv', import.meta.url).pathname;
    expect((await circle(['signups', 'import', 'health-outcomes', fixture], { cwd: dir })).code).toBe(0);
    const confirmed = (JSON.parse((await circle(['list', '--json'], { cwd: dir })).stdout) as Array<{ id: string; confirmed: number }>).find((c) => c.id === 'health-outcomes')?.confirmed ?? 0;
    expect(confirmed).toBeGreaterThan(0);
    const text = (await circle(['announce', '--format', 'text'], { cwd: dir })).stdout;
    const sections = text.split(/\nLearning Circle #/);
    const health = sections.find((s) => s.includes('Improving health outcomes')) ?? '';
    expect(health).toContain(`Seats: ${20 - confirmed} left of 20, sign up fast!`);
    expect(sections.find((s) => s.includes('Making a case')) ?? '').toContain('Seats: only 20, sign up fast!');

    const circleFile = join(dir, 'circles', 'health-outcomes.yaml');
    writeFileSync(circleFile, readFileSync(circleFile, 'utf8').replace('capacity: 20', `capacity: ${confirmed}`));
    const full = (await circle(['announce', 'health-outcomes', '--format', 'text'], { cwd: dir })).stdout;
    expect(full).toContain('Seats: full; new sign-ups join the waitlist');
  });
});

describe('circle announce: what it says beside the text', () => {
  it('reads the clock it is given: before the circles start, no past warning', async () => {
    const result = await circle(['announce', '--format', 'text'], { cwd: exampleWorkspace(), now: new Date('2019-10-01T09:00:00Z') });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const one = await circle(['announce', '--format', 'text'], { cwd: exampleWorkspace(), now: new Date('2019-11-10T09:00:00Z') });
    expect(one.stderr.trimEnd().split('\n')).toEqual([
      'warning: a circle has started but is still scheduled; this announcement offers it as if to come:',
      '  making-a-case: Wednesday 6 November 2019, 08:30 GMT',
      PAST_NOTE.at(-1),
    ]);
  });

  it('leaves out the seats of a circle whose roster is damaged, and says so', async () => {
    const dir = exampleWorkspace();
    mkdirSync(join(dir, 'rosters'), { recursive: true });
    writeFileSync(rosterFile(dir, 'health-outcomes'), 'signups: [unclosed\n');
    const result = await circle(['announce', '--format', 'text', '--json'], { cwd: dir, now: new Date('2019-10-01T09:00:00Z') });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('warning: the roster of health-outcomes is damaged, so its seats left are not shown: run `circle validate`\n');
    expect((JSON.parse(result.stdout) as { body: string }).body).toContain('Seats: only 20, sign up fast!');
  });
});
