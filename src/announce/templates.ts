import { join } from 'node:path';
import type { Language } from '../model/schema.js';
import { renderTemplate, tidyText } from '../templates/engine.js';
import { loadTemplateFile, type Template } from '../templates/files.js';
import type { AnnouncementView } from './view.js';

/* Announcements: templates/announce/<lang>.<kind>.hbs, one per language and kind. */

export const FORMATS = ['text', 'markdown', 'html'] as const;
export type Format = (typeof FORMATS)[number];
export const TEMPLATE_KINDS = ['subject', ...FORMATS] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const loadTemplate = (dir: string, lang: Language, kind: TemplateKind): Promise<Template> =>
  loadTemplateFile(dir, join('announce', `${lang}.${kind}.hbs`));

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

export interface Rendered {
  subject: string;
  body: string;
}

export function renderAnnouncement(view: AnnouncementView, templates: { subject: Template; body: Template }, format: Format): Rendered {
  // A subject is one line; ICU's thin spaces around a date range's dash stay.
  const subject = renderTemplate(templates.subject, view, { lang: view.lang, escapeHtml: false, fieldsOf: 'the announcement' }).replace(/[ \t\r\n]+/g, ' ').trim();
  const data = format === 'markdown' ? mapStrings({ ...view, subject }, escapeMarkdown) : { ...view, subject };
  const body = renderTemplate(templates.body, data, { lang: view.lang, escapeHtml: format === 'html', fieldsOf: 'the announcement' });
  return { subject, body: format === 'html' ? `${body.trim()}\n` : tidyText(body) };
}
