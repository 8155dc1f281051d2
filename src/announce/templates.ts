import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { inputError } from '../errors.js';
import type { Language } from '../model/schema.js';
import type { AnnouncementView } from './view.js';
import { LOCALES } from './when.js';

/*
 * The wording of announcements lives in Handlebars templates, one per language and kind:
 * templates/announce/<lang>.<kind>.hbs. A workspace's own templates/ folder overrides the
 * bundled one file by file.
 */

export const FORMATS = ['text', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const TEMPLATE_KINDS = ['subject', ...FORMATS] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const BUNDLED_TEMPLATES = fileURLToPath(new URL('../../templates/', import.meta.url));
const templateName = (lang: Language, kind: TemplateKind) => join('announce', `${lang}.${kind}.hbs`);

export interface Template {
  file: string;
  source: string;
}

/** The workspace's template if it has one, else the bundled one. */
export async function loadTemplate(workspace: string, lang: Language, kind: TemplateKind): Promise<Template> {
  const name = templateName(lang, kind);
  for (const folder of [join(workspace, 'templates'), BUNDLED_TEMPLATES]) {
    const file = join(folder, name);
    const source = await readFile(file, 'utf8').catch((cause: NodeJS.ErrnoException) => {
      if (cause.code === 'ENOENT') return undefined;
      throw inputError(`cannot read ${file}: ${cause.message}`);
    });
    if (source !== undefined) return { file, source };
  }
  throw new Error(`bundled template ${name} is missing from ${BUNDLED_TEMPLATES}`);
}

/** Our own Handlebars, with the helpers announcements use and nothing global. */
export const handlebars = Handlebars.create();
export const HELPERS = ['plural', 'list'] as const;

const localeOf = (options: Handlebars.HelperOptions) => LOCALES[(options.data?.root as AnnouncementView | undefined)?.lang ?? 'en'];

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
 * Backslash-escapes what Markdown would read as markup or raw HTML in values from circle files:
 * inline markup anywhere, and a heading or list marker where a paragraph starts.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^(#{1,6}|[-+])(?=\s|$)/, '\\$1')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, change)])) as T;
  }
  return value;
}

/** A template file as messages name it: relative to the current folder when inside it. */
export const shownPath = (file: string) => (relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file));

function run(template: Template, data: unknown, escapeHtml: boolean): string {
  try {
    return handlebars.compile(template.source, { strict: true, noEscape: !escapeHtml })(data);
  } catch (cause) {
    const where = shownPath(template.file);
    const message = (cause as Error).message;
    const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(message);
    if (missing) {
      throw inputError(`${where}:${missing[2]}:${Number(missing[3]) + 1}: {{${missing[1]}}} is not a field of the announcement`, 'run `circle validate` to check the templates; the README lists the fields');
    }
    throw inputError(`${where}: ${message.split('\n')[0]}`, 'fix the template, or delete it to use the bundled one');
  }
}

/** Lines without trailing spaces, at most one blank line in a row, one newline at the end. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export interface Rendered {
  subject: string;
  body: string;
}

export function renderAnnouncement(view: AnnouncementView, templates: { subject: Template; body: Template }, format: Format): Rendered {
  // A subject is one line; ICU's thin spaces around a date range's dash stay.
  const subject = run(templates.subject, view, false).replace(/[ \t\r\n]+/g, ' ').trim();
  const data = format === 'markdown' ? mapStrings({ ...view, subject }, escapeMarkdown) : { ...view, subject };
  const body = run(templates.body, data, format === 'html');
  return { subject, body: format === 'html' ? `${body.trim()}\n` : tidyText(body) };
}
