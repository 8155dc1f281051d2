import Handlebars from 'handlebars';
import { refused } from '../failure.js';
import type { Template } from './files.js';
import { shownPath } from '../workspace/file-errors.js';
import type { Language } from '../model/schema.js';
import { LOCALES } from './when.js';
import { circleName, online, WORDS } from './words.js';

/*
 * The wording of everything the tool writes for people (announcements, emails) lives in
 * Handlebars templates under templates/ (files.ts reads them).
 */

/** Our own Handlebars, with the helpers templates use and nothing global. */
export const handlebars = Handlebars.create();
export const HELPERS = ['plural', 'list', 'circleName', 'online'] as const;

const langOf = (options: Handlebars.HelperOptions): Language => (options.data?.root as { lang?: Language } | undefined)?.lang ?? 'en';
const localeOf = (options: Handlebars.HelperOptions) => LOCALES[langOf(options)];

/** `{{plural seats.left one="# seat left" other="# seats left"}}`, by the language's plural rules. */
handlebars.registerHelper('plural', function (count: unknown, options: Handlebars.HelperOptions) {
  const n = Number(count);
  const locale = localeOf(options);
  const hash = options.hash as Record<string, string | undefined>;
  const form = hash[new Intl.PluralRules(locale).select(n)] ?? hash.other ?? '';
  return form.replaceAll('#', new Intl.NumberFormat(locale).format(n));
});

/** `{{#list instigators}}{{name}}{{/list}}`: "A, B and C" / "A, B y C"; `{{else}}` when empty. */
handlebars.registerHelper('list', function (this: unknown, items: unknown, options: Handlebars.HelperOptions) {
  const entries = Array.isArray(items) ? items : [];
  if (entries.length === 0) return options.inverse(this);
  const rendered = entries.map((item, index) => {
    const data = handlebars.createFrame(options.data) as { index: number };
    data.index = index;
    return options.fn(item, { data });
  });
  return new Intl.ListFormat(localeOf(options), { type: 'conjunction' }).format(rendered);
});

/**
 * `{{circleName number}}`: "Learning Circle #3", "Círculo de aprendizaje n.º 3", as the calendar names it;
 * `{{circleName number midSentence=true}}` inside a sentence: "… el círculo de aprendizaje n.º 3".
 */
handlebars.registerHelper('circleName', (number: unknown, options: Handlebars.HelperOptions) =>
  circleName(langOf(options), Number(number), (options.hash as { midSentence?: unknown }).midSentence === true),
);

/** `{{online platform}}`: "online, on Zoom", "en línea, por Zoom". */
handlebars.registerHelper('online', (platform: unknown, options: Handlebars.HelperOptions) => online(langOf(options), typeof platform === 'string' ? platform : null));

// Compiling is most of the cost of rendering; the same source always compiles the same.
const compiled = new Map<string, HandlebarsTemplateDelegate>();

/**
 * Renders a template in strict mode: a misspelt field stops the run with the template's file:line:col.
 * The fixed words of `lang` are `@words`, the same inside `{{#each}}` as outside.
 */
export function renderTemplate(template: Template, data: unknown, options: { lang: Language; escapeHtml: boolean; fieldsOf: string }): string {
  try {
    const key = `${options.escapeHtml ? 'html' : 'text'}\0${template.source}`;
    let render = compiled.get(key);
    if (!render) compiled.set(key, (render = handlebars.compile(template.source, { strict: true, noEscape: !options.escapeHtml })));
    return render(data, { data: { words: WORDS[options.lang] } });
  } catch (cause) {
    const where = shownPath(template.file);
    const message = (cause as Error).message;
    const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
    if (missing) {
      throw refused('input', `${where}:${missing[2]}:${Number(missing[3]) + 1}: {{${missing[1]}}} is not a field of ${options.fieldsOf}`, 'run `circle validate` to check the templates; the README lists the fields');
    }
    throw refused('input', `${where}: ${message.split('\n')[0]}`, 'fix the template, or delete it to use the bundled one');
  }
}

/** Lines without trailing spaces, at most one blank line in a row, one newline at the end. */
export function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}
