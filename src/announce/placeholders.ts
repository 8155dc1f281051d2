import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LANGUAGES } from '../model/schema.js';
import type { Problem } from '../validate/problem.js';
import { didYouMean } from '../validate/suggest.js';
import { BUNDLED_TEMPLATES, handlebars, HELPERS, shownPath, type Template } from '../templates/engine.js';
import { loadTemplate, TEMPLATE_KINDS, type TemplateKind } from './templates.js';
import { VIEW_FIELDS } from './view.js';

/*
 * `circle validate` checks the announcement templates a workspace uses (its own or the bundled
 * ones): each parses, uses only fields of the announcement, and the English and Spanish template
 * of each kind use the same placeholders, so a translation cannot silently drop a seat count or a link.
 */

type Node = hbs.AST.Node;
type Place = { line: number; col: number };

const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', ...HELPERS]);
/** Helpers whose block runs inside the items of their first argument. */
const SCOPING_HELPERS = new Set(['each', 'with', 'list']);

/** Each placeholder of a template, as a field path from the top (`circles.when.text`), with its first place. */
export function templatePlaceholders(source: string): Map<string, Place> {
  const found = new Map<string, Place>();
  const add = (path: hbs.AST.PathExpression, scope: readonly string[]) => {
    if (path.data && !path.original.startsWith('@root.')) return; // @index, @first...
    const base = path.data ? '' : (scope[scope.length - 1 - path.depth] ?? '');
    const name = [base, ...path.parts.slice(path.data ? 1 : 0)].filter(Boolean).join('.');
    if (name && !found.has(name)) found.set(name, { line: path.loc.start.line, col: path.loc.start.column + 1 });
    return name;
  };
  const visitCall = (node: hbs.AST.MustacheStatement | hbs.AST.BlockStatement | hbs.AST.SubExpression, scope: readonly string[]) => {
    const path = node.path as hbs.AST.PathExpression;
    const isHelper = path.type === 'PathExpression' && BUILT_IN_HELPERS.has(path.original);
    if (!isHelper && path.type === 'PathExpression') add(path, scope);
    node.params.forEach((param) => visit(param, scope));
    node.hash?.pairs.forEach((pair) => visit(pair.value, scope));
  };
  const visit = (node: Node | undefined | null, scope: readonly string[]): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        (node as hbs.AST.Program).body.forEach((child) => visit(child, scope));
        return;
      case 'PathExpression':
        add(node as hbs.AST.PathExpression, scope);
        return;
      case 'MustacheStatement':
      case 'SubExpression':
        visitCall(node as hbs.AST.MustacheStatement, scope);
        return;
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        visitCall(block, scope);
        const helper = (block.path as hbs.AST.PathExpression).original;
        const first = block.params[0];
        const inner = SCOPING_HELPERS.has(helper) && first?.type === 'PathExpression' ? add(first as hbs.AST.PathExpression, scope) : undefined;
        visit(block.program, inner === undefined ? scope : [...scope, inner]);
        visit(block.inverse, scope);
        return;
      }
      default:
        return; // text, comments, literals
    }
  };
  visit(handlebars.parse(source), ['']);
  return found;
}

/** `circles.instigators.length` is the length of a list field; everything else must be a field. */
function isKnown(name: string, kind: TemplateKind): boolean {
  if (kind === 'subject' && name === 'subject') return false;
  return VIEW_FIELDS.includes(name) || (name.endsWith('.length') && VIEW_FIELDS.includes(name.slice(0, -'.length'.length)));
}

function parsed(template: Template, kind: TemplateKind, problems: Problem[]): Map<string, Place> | undefined {
  try {
    const found = templatePlaceholders(template.source);
    for (const [name, place] of found) {
      if (isKnown(name, kind)) continue;
      const suggestion = didYouMean(name, VIEW_FIELDS.filter((field) => field.split('.').length === name.split('.').length));
      problems.push({ file: template.file, ...place, severity: 'error', message: `{{${name}}} is not a field of the announcement`, hint: suggestion });
    }
    return found;
  } catch (cause) {
    // Handlebars says where as "Parse error on line 3:" or "each doesn't match eahc - 2:3".
    const message = (cause as Error).message;
    const at = / - (\d+):(\d+)$/.exec(message);
    const line = Number(at?.[1] ?? /on line (\d+)/.exec(message)?.[1] ?? 1);
    const col = at ? Number(at[2]) + 1 : 1;
    const reason = message.replace(/ - \d+:\d+$/, '').split('\n').pop() ?? '';
    problems.push({ file: template.file, line, col, severity: 'error', message: `template does not parse: ${reason}`, hint: 'check that every {{#block}} has its {{/block}} and every {{ has its }}' });
    return undefined;
  }
}

export async function announceTemplateProblems(workspace: string): Promise<Problem[]> {
  const problems = await strayTemplates(workspace);
  for (const kind of TEMPLATE_KINDS) {
    const [en, es] = await Promise.all(LANGUAGES.map((lang) => loadTemplate(workspace, lang, kind)));
    if (!en || !es) continue;
    const used = [parsed(en, kind, problems), parsed(es, kind, problems)] as const;
    if (!used[0] || !used[1]) continue;
    const [enSide, esSide] = [{ template: en, used: used[0] }, { template: es, used: used[1] }];
    problems.push(...mismatches(enSide, esSide, kind), ...mismatches(esSide, enSide, kind));
  }
  return problems;
}

/** A misspelt override would be silently ignored and the bundled wording used: say so. */
async function strayTemplates(workspace: string): Promise<Problem[]> {
  const folder = join(workspace, 'templates', 'announce');
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

type Side = { template: Template; used: Map<string, Place> };

/** Placeholders of `a` that `b` lacks (unknown ones are reported once, as unknown). */
function mismatches(a: Side, b: Side, kind: TemplateKind): Problem[] {
  const bundled = (template: Template) => template.file.startsWith(BUNDLED_TEMPLATES);
  return [...a.used]
    .filter(([name]) => !b.used.has(name) && isKnown(name, kind))
    .map(([name, place]): Problem => {
      // Reported in the workspace's own file, where the organiser can act.
      if (bundled(a.template) && !bundled(b.template)) {
        return {
          file: b.template.file,
          line: 1,
          col: 1,
          severity: 'error',
          message: `{{${name}}} is missing here: ${shownPath(a.template.file)}:${place.line} uses it`,
          hint: 'the English and Spanish templates of a kind show the same things: add it here, or override the other template too',
        };
      }
      return {
        file: a.template.file,
        ...place,
        severity: 'error',
        message: `{{${name}}} is used here but not in ${shownPath(b.template.file)}`,
        hint: 'the English and Spanish templates of a kind show the same things: add it there, or remove it here',
      };
    });
}
