import type { ChalkInstance } from 'chalk';
import { named } from '../../mail/address.js';
import type { CircleStatus, Placeholder } from '../../status/rules.js';
import type { StatusResult } from '../status.js';

/* The text of `circle status`: a counts line per circle, then only what needs attention. */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countsLine(c: CircleStatus): string {
  const seats = c.confirmed === null ? 'roster unreadable' : `${c.confirmed}/${c.capacity} seats, ${c.waitlisted} waitlisted`;
  return `${c.id}: ${seats}${c.status === 'cancelled' ? ', cancelled' : ''}`;
}

const placeholderLine = (p: Placeholder) => `  placeholder: ${p.file}: ${p.message}; ${p.hint}`;

function circleBlock(c: CircleStatus, paint: ChalkInstance): string[] {
  const owed = c.owed.map((o) => `  owed: ${Object.entries(o.kinds).map(([kind, n]) => `${n} ${kind}`).join(', ')}; send with \`${o.command}\``);
  const mail = c.mail.map((m) => `  ${paint.red(m.state)}: ${m.kind} to ${named(m.name ?? undefined, m.to)}: ${m.response}; ${m.hint}: \`${m.command}\``);
  const past = c.past ? [`  ${paint.yellow('past')}: started ${c.past.started} and is still scheduled; ${c.past.hint}`] : [];
  const problems = c.problems.map((p) => `  ${paint.red('problem')}: ${p.message}; ${p.hint}`);
  return [countsLine(c), ...problems, ...mail, ...past, ...c.placeholders.map(placeholderLine), ...owed];
}

function attentionCount(result: StatusResult): number {
  const inCircles = result.circles.reduce((n, c) => n + c.mail.length + c.placeholders.length + c.problems.length + (c.past ? 1 : 0), 0);
  return inCircles + result.settings.length + result.stale.length;
}

export function statusText(result: StatusResult, paint: ChalkInstance): string {
  if (result.circles.length === 0) return 'no circles yet: add one with `circle add`\n';
  const blocks = result.circles.map((c) => circleBlock(c, paint).join('\n'));
  const settings = result.settings.length ? [['settings:', ...result.settings.map(placeholderLine)].join('\n')] : [];
  const stale = result.stale.length ? [['stale files:', ...result.stale.map((s) => `  ${s}`)].join('\n')] : [];
  const verdict = result.needsPerson ? paint.bold(`needs a person: ${plural(attentionCount(result), 'thing')} above`) : 'nothing needs a person';
  return `${[...blocks, ...settings, ...stale, verdict].join('\n')}\n`;
}
