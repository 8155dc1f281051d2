import type { Problem } from '../validate/problem.js';
import { didYouMean } from '../validate/suggest.js';
import { shownPath } from '../workspace/file-errors.js';
import { handlebars, HELPERS } from './engine.js';
import { BUNDLED_TEMPLATES, type Template } from './files.js';
import { WORDS } from './words.js';

/*
 * What `circle validate` checks in any template, announcement or mail: it parses, names only
 * fields its view has, and the English and Spanish versions use the same placeholders, so a
 * translation cannot silently drop a seat count, a waitlist position or a link.
 */

type Node = hbs.AST.Node;
export type Place = { line: number; col: number };

const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', ...HELPERS]);
/** Helpers whose block runs inside the items of their first argument. */
const SCOPING_HELPERS = new Set(['each', 'with', 'list']);

/** The fixed words every template may name, `@words.host`; in any language a template may word things its own way. */
const WORD_FIELDS = Object.keys(WORDS.en).map((key) => `@words.${key}`);
const isWord = (name: string) => name.startsWith('@words.');

/** Each placeholder of a template, as a field path from the top (`circles.when.text`, `@words.host`), with its first place. */
export function templatePlaceholders(source: string): Map<string, Place> {
  const found = new Map<string, Place>();
  const add = (path: hbs.AST.PathExpression, scope: readonly string[]) => {
    const data = path.data ? path.parts[0] : undefined;
    if (data !== undefined && data !== 'root' && data !== 'words') return; // @index, @first...
    const base = data === 'words' ? '@words' : data === 'root' ? '' : (scope[scope.length - 1 - path.depth] ?? '');
    const name = [base, ...path.parts.slice(data === undefined ? 0 : 1)].filter(Boolean).join('.');
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

/** The fields a kind of template can name, for the checks. */
export interface Fields {
  /** "the announcement", "the message". */
  of: string;
  known(name: string): boolean;
  suggest(name: string): string | undefined;
}

/** The template's placeholders; an unknown one or a template that does not parse is a problem. */
export function checkedPlaceholders(template: Template, fields: Fields, problems: Problem[]): Map<string, Place> | undefined {
  try {
    const found = templatePlaceholders(template.source);
    for (const [name, place] of found) {
      if (isWord(name) ? WORD_FIELDS.includes(name) : fields.known(name)) continue;
      const hint = isWord(name) ? didYouMean(name, WORD_FIELDS) : fields.suggest(name);
      problems.push({ file: template.file, ...place, severity: 'error', message: `{{${name}}} is not a field of ${fields.of}`, hint });
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

/** A template and the placeholders it uses. */
export interface Used {
  template: Template;
  used: Map<string, Place>;
}

const SAME_THINGS = 'the English and Spanish versions of a template show the same things';
const bundled = (template: Template) => template.file.startsWith(BUNDLED_TEMPLATES);

/** Known placeholders of `a` that `b` lacks, reported in the workspace's own file, where the organiser can act. */
function lacking(a: Used, b: Used, fields: Fields): Problem[] {
  return [...a.used]
    .filter(([name]) => !isWord(name) && !b.used.has(name) && fields.known(name))
    .map(([name, place]): Problem =>
      bundled(a.template) && !bundled(b.template)
        ? { file: b.template.file, line: 1, col: 1, severity: 'error', message: `{{${name}}} is missing here: ${shownPath(a.template.file)}:${place.line} uses it`, hint: `${SAME_THINGS}: add it here, or override the other one too` }
        : { file: a.template.file, ...place, severity: 'error', message: `{{${name}}} is used here but not in ${shownPath(b.template.file)}`, hint: `${SAME_THINGS}: add it there, or remove it here` },
    );
}

/** The English and Spanish versions of a template: each checked, then the placeholders one uses and the other lacks. */
export function checkTranslations(en: Template, es: Template, fields: Fields): Problem[] {
  const problems: Problem[] = [];
  const [enUsed, esUsed] = [checkedPlaceholders(en, fields, problems), checkedPlaceholders(es, fields, problems)];
  if (!enUsed || !esUsed) return problems;
  const [enSide, esSide] = [{ template: en, used: enUsed }, { template: es, used: esUsed }];
  return [...problems, ...lacking(enSide, esSide, fields), ...lacking(esSide, enSide, fields)];
}
