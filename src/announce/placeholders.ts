import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LANGUAGES } from '../model/schema.js';
import { checkTranslations, type Fields } from '../templates/checks.js';
import type { Template } from '../templates/files.js';
import type { Problem } from '../validate/problem.js';
import { didYouMean } from '../validate/suggest.js';
import { templatesDir } from '../workspace/paths.js';
import { loadTemplate, TEMPLATE_KINDS, type TemplateKind } from './templates.js';
import { VIEW_FIELDS } from './view.js';

/* `circle validate` on the announcement templates a workspace uses, its own or the bundled ones. */

/** `circles.instigators.length` is the length of a list field; everything else must be a field. */
const announcementFields = (kind: TemplateKind): Fields => ({
  of: 'the announcement',
  known: (name) => !(kind === 'subject' && name === 'subject') && (VIEW_FIELDS.includes(name) || (name.endsWith('.length') && VIEW_FIELDS.includes(name.slice(0, -'.length'.length)))),
  suggest: (name) => didYouMean(name, VIEW_FIELDS.filter((field) => field.split('.').length === name.split('.').length)),
});

export async function announceTemplateProblems(dir: string): Promise<Problem[]> {
  const problems = await strayTemplates(dir);
  for (const kind of TEMPLATE_KINDS) {
    const [en, es] = (await Promise.all(LANGUAGES.map((lang) => loadTemplate(dir, lang, kind)))) as [Template, Template];
    problems.push(...checkTranslations(en, es, announcementFields(kind)));
  }
  return problems;
}

/** A misspelt override would be silently ignored and the bundled wording used: say so. */
async function strayTemplates(dir: string): Promise<Problem[]> {
  const folder = join(templatesDir(dir), 'announce');
  const names = await readdir(folder).catch(() => [] as string[]);
  const expected = LANGUAGES.flatMap((lang) => TEMPLATE_KINDS.map((kind) => `${lang}.${kind}.hbs`));
  return names
    .filter((name) => !expected.includes(name) && !name.startsWith('.'))
    .map((name) => ({
      file: join(folder, name),
      line: 1,
      col: 1,
      severity: 'warning',
      message: 'circle announce does not use this file: templates are named <lang>.<kind>.hbs',
      hint: didYouMean(name, expected),
    }));
}
