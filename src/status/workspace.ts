import { relative } from 'node:path';
import type { DateTime } from 'luxon';
import { staleFiles } from '../mail/stale-files.js';
import type { ResolvedCircle } from '../model/circle.js';
import type { Workspace } from '../workspace/load.js';
import { mailboxStatus, type MailboxStatus } from './mailbox.js';
import { circleStatuses } from './read.js';
import { fromPlaceholder, placeholdersIn, workspaceNeedsPerson, type CircleStatus, type Placeholder } from './rules.js';

/* What `circle status` shows of a workspace, and what `circle run` checks after its steps: one reading, one rule for "needs a person". */

export interface WorkspaceStatus {
  needsPerson: boolean;
  circles: CircleStatus[];
  /** Placeholders in the series files of the circles shown, and in CIRCLE_FROM. */
  settings: Placeholder[];
  /** Files the tool wrote (calendar files in invites/) that are now out of date, each with the command that rewrites it. */
  stale: string[];
  /** The mailbox of CIRCLE_IMAP_URL: messages waiting there; null when none is configured (or not asked). */
  mailbox: MailboxStatus | null;
}

export interface StatusRequest {
  dir: string;
  workspace: Workspace;
  /** Every circle of the workspace (for the published state), and those to show. */
  all: readonly ResolvedCircle[];
  chosen: readonly ResolvedCircle[];
  env: Readonly<Record<string, string | undefined>>;
  now: DateTime;
  /** Whether to look in the mailbox (a run has just read it). */
  mailbox: boolean;
  /** Where to say that a folder given to `invites --out` is gone (status only reads: the next mail run forgets it). */
  note?: (text: string) => void;
  /** Forget such a folder (`circle run`, which names out-of-date calendar files here, after its steps). */
  forget?: boolean;
}

export async function workspaceStatus({ dir, workspace, all, chosen, env, now, mailbox: look, note = () => undefined, forget = false }: StatusRequest): Promise<WorkspaceStatus> {
  const circles = await circleStatuses(dir, all, chosen, now);
  const seriesShown = new Set(chosen.map((c) => c.circle.series));
  const settings = [
    ...[...workspace.series.entries()].filter(([id]) => seriesShown.has(id)).flatMap(([, entry]) => placeholdersIn(entry.series, relative(dir, entry.file))),
    ...fromPlaceholder(env.CIRCLE_FROM),
  ];
  const stale = await staleFiles(dir, { note, forget });
  const mailbox = look ? await mailboxStatus(dir, env) : null;
  return { needsPerson: workspaceNeedsPerson(circles, settings, stale, mailbox), circles, settings, stale, mailbox };
}
