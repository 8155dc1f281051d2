import type { ResolvedCircle } from '../model/circle.js';
import { rosterCounts, type RosterCounts } from '../roster/counts.js';
import { loadCircles } from '../workspace/load.js';
import { seriesNamed } from '../workspace/select.js';
import type { ChalkInstance } from 'chalk';
import type { Context, Outcome, Shown, Style } from '../context.js';
import { unwrap } from '../failure.js';

export interface ListOptions {
  series?: string;
}

export interface ListResult extends Outcome {
  rows: CircleRow[];
}

export interface CircleRow {
  id: string;
  series: string;
  number: number;
  title: string;
  /** ISO instants with the circle's own offset. */
  start: string;
  end: string;
  timezone: string;
  when: string;
  language: string;
  status: string;
  capacity: number;
  /** From the circle's roster; null when the roster file is damaged. */
  confirmed: number | null;
  /** Seats held for someone waiting until they claim the offer (offer_hours); null when the roster file is damaged. */
  offered: number | null;
  waitlisted: number | null;
}

/** `Wed 4 Dec 2019 12:00–13:15 GMT`, in the circle's own zone. */
function shortWhen(resolved: ResolvedCircle): string {
  const sameDay = resolved.start.hasSame(resolved.end, 'day');
  const end = resolved.end.toFormat(sameDay ? 'HH:mm' : 'ccc d LLL HH:mm', { locale: 'en-GB' });
  return `${resolved.start.toFormat('ccc d LLL yyyy HH:mm', { locale: 'en-GB' })}–${end} ${resolved.zoneLabel}`;
}

function circleRow(resolved: ResolvedCircle, counts: RosterCounts = { confirmed: 0, offered: 0, waitlisted: 0, exists: false }): CircleRow {
  const { circle } = resolved;
  return {
    id: circle.id,
    series: circle.series,
    number: circle.number,
    title: circle.title,
    start: resolved.start.toISO() ?? '',
    end: resolved.end.toISO() ?? '',
    timezone: resolved.zoneLabel,
    when: shortWhen(resolved),
    language: circle.language,
    status: circle.status,
    capacity: circle.capacity,
    confirmed: 'damaged' in counts ? null : counts.confirmed,
    offered: 'damaged' in counts ? null : counts.offered,
    waitlisted: 'damaged' in counts ? null : counts.waitlisted,
  };
}

function table(rows: CircleRow[], paint: ChalkInstance): string {
  const header = ['ID', '#', 'TITLE', 'WHEN', 'LANG', 'SEATS', 'WAITLIST', 'STATUS'];
  const cells = rows.map((r) => [r.id, String(r.number), r.title, r.when, r.language, `${r.confirmed ?? '?'}/${r.capacity}${r.offered ? ` +${r.offered} offered` : ''}`, String(r.waitlisted ?? '?'), r.status]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [paint.bold(line(header)), ...cells.map(line)].join('\n');
}

export async function run(options: ListOptions, { dir }: Context): Promise<ListResult> {
  const { workspace, circles } = await loadCircles(dir);
  if (options.series) unwrap(seriesNamed(workspace.series, options.series));
  const shown = circles.filter((c) => !options.series || c.circle.series === options.series);
  const counts = await Promise.all(shown.map((c) => rosterCounts(dir, c.circle.id)));
  return { ok: true, rows: shown.map((c, i) => circleRow(c, counts[i])) };
}

export function present({ rows }: ListResult, { json, colour }: Style): Shown {
  const damaged = rows.filter((row) => row.confirmed === null).map((row) => `${colour.err.yellow('warning:')} the roster of ${row.id} is damaged: run \`circle validate\`\n`);
  const empty = rows.length === 0 && !json ? 'no circles yet: add one with `circle add`\n' : '';
  return { err: damaged.join('') + empty, ...(rows.length ? { out: `${table(rows, colour.out)}\n` } : {}) };
}

/** --json: the rows, as documented. */
export const json = ({ rows }: ListResult): CircleRow[] => rows;
