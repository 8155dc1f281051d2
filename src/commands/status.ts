import { relative } from 'node:path';
import { DateTime } from 'luxon';
import type { Context, Outcome, Shown, Style } from '../context.js';
import { unwrap } from '../failure.js';
import { staleFiles } from '../mail/stale-files.js';
import { circleStatuses } from '../status/read.js';
import { fromPlaceholder, placeholdersIn, workspaceNeedsPerson, type CircleStatus, type Placeholder } from '../status/rules.js';
import { loadCircles } from '../workspace/load.js';
import { circlesNamedOrAll } from '../workspace/select.js';
import { statusText } from './status/text.js';

export interface StatusOptions {
  ids: string[];
  json?: boolean;
  check?: boolean;
}

/** What is pending per circle, and what needs a person; --check makes the latter the exit code. */
export interface StatusResult extends Outcome {
  needsPerson: boolean;
  circles: CircleStatus[];
  /** Placeholders in the series files of the circles shown, and in CIRCLE_FROM. */
  settings: Placeholder[];
  /** Files the tool wrote (calendar files in invites/ and folders given to `invites --out`) that are now out of date, each with the command that rewrites it. */
  stale: string[];
}

export async function run(options: StatusOptions, { dir, now, env, events }: Context): Promise<StatusResult> {
  const { workspace, circles } = await loadCircles(dir);
  const chosen = unwrap(circlesNamedOrAll(circles, options.ids));
  const statuses = await circleStatuses(dir, circles, chosen, DateTime.fromJSDate(now()));
  const seriesShown = new Set(chosen.map((c) => c.circle.series));
  const settings = [
    ...[...workspace.series.entries()].filter(([id]) => seriesShown.has(id)).flatMap(([, entry]) => placeholdersIn(entry.series, relative(dir, entry.file))),
    ...fromPlaceholder(env.CIRCLE_FROM),
  ];
  const stale = await staleFiles(dir, { note: events.note, forget: true });
  const needsPerson = workspaceNeedsPerson(statuses, settings, stale);
  return { ok: !(options.check && needsPerson), needsPerson, circles: statuses, settings, stale };
}

export function present(result: StatusResult, { json, colour }: Style): Shown {
  return json ? {} : { out: statusText(result, colour.out) };
}

/** --json: the result without `ok` (the exit code says it under --check). */
export const json = ({ ok: _, ...shape }: StatusResult) => shape;
