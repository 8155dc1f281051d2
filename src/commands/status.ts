import { DateTime } from 'luxon';
import type { Context, Outcome, Shown, Style } from '../context.js';
import { unwrap } from '../failure.js';
import { workspaceStatus, type WorkspaceStatus } from '../status/workspace.js';
import { loadCircles } from '../workspace/load.js';
import { circlesNamedOrAll } from '../workspace/select.js';
import { statusText } from './status/text.js';

export interface StatusOptions {
  ids: string[];
  json?: boolean;
  check?: boolean;
}

/** What is pending per circle, and what needs a person; --check makes the latter the exit code. */
export interface StatusResult extends Outcome, WorkspaceStatus {}

export async function run(options: StatusOptions, { dir, now, env, events }: Context): Promise<StatusResult> {
  const { workspace, circles } = await loadCircles(dir);
  const chosen = unwrap(circlesNamedOrAll(circles, options.ids));
  const status = await workspaceStatus({ dir, workspace, all: circles, chosen, env, now: DateTime.fromJSDate(now()), mailbox: true, note: events.note });
  return { ok: !(options.check && status.needsPerson), ...status };
}

export function present(result: StatusResult, { json, colour }: Style): Shown {
  return json ? {} : { out: statusText(result, colour.out) };
}

/** --json: the result without `ok` (the exit code says it under --check). */
export const json = ({ ok: _, ...shape }: StatusResult) => shape;
