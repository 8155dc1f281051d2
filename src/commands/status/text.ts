import type { ChalkInstance } from 'chalk';
import { named } from '../../mail/address.js';
import type { CircleStatus, Placeholder } from '../../status/rules.js';
import type { WorkspaceStatus } from '../../status/workspace.js';

/* The text of `circle status`: a counts line per circle, then what is pending and what needs attention. */

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function countsLine(c: CircleStatus): string {
  const offered = c.offered ? `, ${c.offered} offered` : '';
  const seats = c.confirmed === null ? 'roster unreadable' : `${c.confirmed}/${c.capacity} seats${offered}, ${c.waitlisted} waitlisted`;
  return `${c.id}: ${seats}${c.status === 'cancelled' ? ', cancelled' : ''}`;
}

const placeholderLine = (p: Placeholder) => `  placeholder: ${p.file}: ${p.message}; ${p.hint}`;

/** What of a circle needs a person, each line naming what to do. */
function needsLines(c: CircleStatus, paint: ChalkInstance): string[] {
  const problems = c.problems.map((p) => `  ${paint.red('problem')}: ${p.message}; ${p.hint}`);
  const mail = c.mail.map((m) => `  ${paint.red(m.state)}: ${m.kind} to ${named(m.name ?? undefined, m.to)}: ${m.response}; ${m.hint}: \`${m.command}\``);
  const expired = c.offers
    .filter((o) => o.expired)
    .map((o) => `  ${paint.red('offer expired')}: ${named(o.name ?? undefined, o.email)} had until ${o.when} and the seat was not passed on; \`circle run\` passes it to the next person waiting`);
  return [...problems, ...mail, ...expired, ...c.placeholders.map(placeholderLine)];
}

function circleBlock(c: CircleStatus, paint: ChalkInstance): string[] {
  const owed = c.owed.map((o) => `  owed: ${Object.entries(o.kinds).map(([kind, n]) => `${n} ${kind}`).join(', ')}; send with \`${o.command}\``);
  const past = c.past ? [`  ${paint.yellow('past')}: started ${c.past.started} and is still scheduled; ${c.past.hint}`] : [];
  const open = c.offers.filter((o) => !o.expired);
  const offers = open.length ? [`  offers: ${plural(open.length, 'seat')} offered, the first until ${open[0]!.when}`] : [];
  const reminder = c.nextReminder ? [`  next reminder: ${c.nextReminder.before} before the start, ${c.nextReminder.when}`] : [];
  return [countsLine(c), ...needsLines(c, paint), ...past, ...owed, ...offers, ...reminder];
}

function mailboxLines(result: WorkspaceStatus, paint: ChalkInstance): string[] {
  const box = result.mailbox;
  if (!box) return [];
  if (box.problem) return [`mailbox${box.source ? ` ${box.source}` : ''}: ${paint.red('problem')}: ${box.problem.message}; ${box.problem.hint}`];
  const waiting = box.waiting ? `${plural(box.waiting, 'message')} waiting; \`circle inbox\` (or the next \`circle run\`) reads them` : 'nothing waiting';
  return [`mailbox ${box.source}: ${waiting}`];
}

function attentionCount(result: WorkspaceStatus): number {
  const inCircles = result.circles.reduce((n, c) => n + c.mail.length + c.placeholders.length + c.problems.length + c.offers.filter((o) => o.expired).length, 0);
  return inCircles + result.settings.length + result.stale.length + (result.mailbox?.problem ? 1 : 0);
}

/** Only what needs a person, each under its circle: the end of a `circle run` that needs one. */
export function attentionText(result: WorkspaceStatus, paint: ChalkInstance): string {
  const circles = result.circles.flatMap((c) => {
    const lines = needsLines(c, paint);
    return lines.length ? [`${c.id}:`, ...lines] : [];
  });
  const settings = result.settings.length ? ['settings:', ...result.settings.map(placeholderLine)] : [];
  const stale = result.stale.length ? ['stale files:', ...result.stale.map((s) => `  ${s}`)] : [];
  const lines = [...circles, ...settings, ...stale, ...(result.mailbox?.problem ? mailboxLines(result, paint) : [])];
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function statusText(result: WorkspaceStatus, paint: ChalkInstance): string {
  if (result.circles.length === 0) return 'no circles yet: add one with `circle add`\n';
  const blocks = result.circles.map((c) => circleBlock(c, paint).join('\n'));
  const settings = result.settings.length ? [['settings:', ...result.settings.map(placeholderLine)].join('\n')] : [];
  const stale = result.stale.length ? [['stale files:', ...result.stale.map((s) => `  ${s}`)].join('\n')] : [];
  const mailbox = mailboxLines(result, paint);
  const verdict = result.needsPerson ? paint.bold(`needs a person: ${plural(attentionCount(result), 'thing')} above`) : 'nothing needs a person';
  return `${[...blocks, ...settings, ...stale, ...mailbox, verdict].join('\n')}\n`;
}
