import { renameSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/announce/templates.js';
import { handlebars } from '../../src/templates/engine.js';
import { announceTemplateProblems } from '../../src/announce/placeholders.js';
import { templatePlaceholders } from '../../src/templates/checks.js';
import { ROOT } from '../helpers/cli.js';
import { editedWorkspace, overrideTemplate, render } from './render.js';

const hostile = 'Budgets <script>alert("x")</script> & *more* [here](javascript:alert(1))';
const hostileWorkspace = () =>
  editedWorkspace({ 'health-outcomes.yaml': (text) => text.replace('title: Improving health outcomes through open contracting', `title: '${hostile}'`).replace('name: Tom Wright', "name: Tom <b>Wright</b> O'Neil") });

describe('values from circle files are escaped for the format', () => {
  it('HTML: a title with <script> is text, in the page and in its <title>', async () => {
    const { body, subject } = await render({ dir: hostileWorkspace(), lang: 'en', format: 'html', ids: ['health-outcomes'] });
    expect(subject).toBe(`Reminder: ${hostile} (Wednesday, 4 December 2019)`);
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('<b>');
    expect(body).toContain('<title>Reminder: Budgets &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; *more* [here](javascript:alert(1)) (Wednesday, 4 December 2019)</title>');
    expect(body).toContain('Tom &lt;b&gt;Wright&lt;/b&gt; O&#x27;Neil');
  });

  it('Markdown: markup in values is backslash-escaped, the template’s own markup is not', async () => {
    const { body, subject } = await render({ dir: hostileWorkspace(), lang: 'en', format: 'markdown', ids: ['health-outcomes'] });
    expect(subject).toBe(`Reminder: ${hostile} (Wednesday, 4 December 2019)`);
    expect(body.split('\n')[0]).toBe('# Reminder: Budgets \\<script\\>alert("x")\\</script\\> & \\*more\\* \\[here\\](javascript:alert(1)) (Wednesday, 4 December 2019)');
    expect(body).toContain('- **Instigators:** Tom \\<b\\>Wright\\</b\\> O\'Neil (OC4Health team');
    expect(body).toContain('**[Sign up for Learning Circle #3](<https://forms.example.org/lift-3>)**');
  });

  it('text: values are left as they are', async () => {
    const { body } = await render({ dir: hostileWorkspace(), lang: 'es', format: 'text', ids: ['health-outcomes'] });
    expect(body).toContain(`Círculo de aprendizaje n.º 3: Mejores resultados en salud gracias a la contratación abierta`);
    expect(body).toContain("Abren la conversación: Tom <b>Wright</b> O'Neil (OC4Health team, Transparency International) y Tambudzai Matenga");
  });

  it.each([
    ['plain text & more', 'plain text & more'],
    ['a_b *c* `d` [e] <f> \\g', 'a\\_b \\*c\\* \\`d\\` \\[e\\] \\<f\\> \\\\g'],
    ['&amp; &#169;', '\\&amp; \\&#169;'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['2019. A year', '2019\\. A year'],
    ['Q&A #1 - 2.5 hours', 'Q&A #1 - 2.5 hours'],
  ])('escapeMarkdown(%j)', (input, output) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});

describe('template helpers follow the language', () => {
  const run = (source: string, data: Record<string, unknown>) => handlebars.compile(source, { strict: true })(data);

  it.each([
    ['en', 0, '0 seats'],
    ['en', 1, '1 seat'],
    ['en', 1500, '1,500 seats'],
    ['es', 1, '1 plaza'],
    ['es', 1500, '1500 plazas'],
    ['es', 1_000_000, '1.000.000 plazas'],
  ])('plural in %s for %d', (lang, count, text) => {
    const words = lang === 'en' ? 'one="# seat" other="# seats"' : 'one="# plaza" other="# plazas"';
    expect(run(`{{plural count ${words}}}`, { lang, count })).toBe(text);
  });

  it('list joins the rendered items with the language’s conjunction', () => {
    const people = [{ name: 'Ana' }, { name: 'Bo' }, { name: 'Cy' }];
    expect(run('{{#list people}}{{name}}{{/list}}', { lang: 'en', people })).toBe('Ana, Bo and Cy');
    expect(run('{{#list people}}{{name}}{{/list}}', { lang: 'es', people })).toBe('Ana, Bo y Cy');
    expect(run('{{#list people}}{{name}}{{else}}nobody{{/list}}', { lang: 'en', people: [] })).toBe('nobody');
  });

  it.each([
    ['en', 'Learning Circle #3 | Learning Circle #3 | online, on Zoom | online'],
    ['es', 'Círculo de aprendizaje n.º 3 | círculo de aprendizaje n.º 3 | en línea, por Zoom | en línea'],
  ])('circleName and online in %s', (lang, text) => {
    const source = '{{circleName number}} | {{circleName number midSentence=true}} | {{online platform}} | {{online none}}';
    expect(run(source, { lang, number: 3, platform: 'Zoom', none: null })).toBe(text);
  });
});

describe('template placeholders and circle validate', () => {
  it('names each placeholder by its path from the top, through #each, #with and #list', () => {
    const source = '{{subject}}\n{{#each circles}}{{title}} {{../lang}} {{@index}} {{#list instigators}}{{name}}{{/list}}{{#with when}}{{text}}{{/with}}{{plural capacity one="#" other="#"}}{{/each}}';
    expect([...templatePlaceholders(source).entries()]).toEqual([
      ['subject', { line: 1, col: 3 }],
      ['circles', { line: 2, col: 9 }],
      ['circles.title', { line: 2, col: 20 }],
      ['lang', { line: 2, col: 30 }],
      ['circles.instigators', { line: 2, col: 59 }],
      ['circles.instigators.name', { line: 2, col: 74 }],
      ['circles.when', { line: 2, col: 97 }],
      ['circles.when.text', { line: 2, col: 105 }],
      ['circles.capacity', { line: 2, col: 129 }],
    ]);
  });

  it('names the fixed words as @words.<name>, at any depth, and what the word helpers are given', () => {
    const source = '{{@words.reminder}}\n{{#each circles}}{{@words.host}} {{circleName number midSentence=true}} {{online platform}}{{/each}}';
    expect([...templatePlaceholders(source).keys()]).toEqual(['@words.reminder', 'circles', '@words.host', 'circles.number', 'circles.platform']);
  });

  it('reports a misspelt word, and takes a translation’s own wording for no missing placeholder', async () => {
    const dir = editedWorkspace({});
    const en = overrideTemplate(dir, 'en.text.hbs', (text) => text.replace('{{@words.host}}', '{{@words.hots}}'));
    overrideTemplate(dir, 'es.text.hbs', (text) => text.replace('{{@words.host}}', 'Presenta'));
    expect(await announceTemplateProblems(dir)).toEqual([
      { file: en, line: 25, col: 3, severity: 'error', message: '{{@words.hots}} is not a field of the announcement', hint: 'did you mean "@words.host"?' },
    ]);
  });

  it('finds nothing wrong with the bundled templates', async () => {
    expect(await announceTemplateProblems(ROOT)).toEqual([]);
  });

  it('reports a template that does not parse, with its line', async () => {
    const dir = editedWorkspace({});
    const file = overrideTemplate(dir, 'es.text.hbs', (text) => text.replace('{{/each}}', '{{/eahc}}'));
    const problems = await announceTemplateProblems(dir);
    expect(problems).toEqual([
      { file, line: 2, col: 4, severity: 'error', message: "template does not parse: each doesn't match eahc", hint: expect.stringContaining('{{/block}}') },
    ]);
  });

  it('reports a placeholder one language uses and the other lacks, where the organiser can fix it', async () => {
    const dir = editedWorkspace({});
    const en = overrideTemplate(dir, 'en.markdown.hbs', (text) => text.replace('- **Language:** {{language}}', '- **Language:** {{language}} ({{id}})'));
    const problems = await announceTemplateProblems(dir);
    expect(problems).toEqual([
      {
        file: en,
        line: 26,
        col: 33,
        severity: 'error',
        message: expect.stringMatching(/^\{\{circles\.id\}\} is used here but not in .*templates\/announce\/es\.markdown\.hbs$/),
        hint: expect.stringContaining('add it there, or remove it here'),
      },
    ]);
  });

  it('warns about a file in templates/announce that no announcement uses', async () => {
    const dir = editedWorkspace({});
    overrideTemplate(dir, 'es.markdown.hbs', (text) => text);
    renameSync(`${dir}/templates/announce/es.markdown.hbs`, `${dir}/templates/announce/es.markdwon.hbs`);
    expect(await announceTemplateProblems(dir)).toEqual([
      {
        file: `${dir}/templates/announce/es.markdwon.hbs`,
        line: 1,
        col: 1,
        severity: 'warning',
        message: 'circle announce does not use this file: templates are named <lang>.<kind>.hbs',
        hint: 'did you mean "es.markdown.hbs"?',
      },
    ]);
  });
});
