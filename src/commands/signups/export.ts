import { relative, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Context, Outcome, Shown, Style } from '../../context.js';
import { readRoster } from '../../roster/store.js';
import type { Status } from '../../roster/types.js';
import { rosterLines } from '../../roster/view.js';
import { neutralise } from '../../signups/export-csv.js';
import { writeFileAtomic } from '../../workspace/atomic-write.js';
import { circleById } from './circles.js';
import { signupRow } from './list.js';
import { localTime } from './list-table.js';

export interface ExportOptions {
  id: string;
  status?: Status;
  out?: string;
  excel?: boolean;
  delimiter?: ',' | ';' | 'tab';
}

export interface ExportResult extends Outcome {
  csv: string;
  signups: number;
  /** The file written (--out), absolute. */
  path?: string;
}

/** `circle signups export`: the roster as CSV text; every cell that a spreadsheet would run is neutralised. */
export async function run(options: ExportOptions, { dir, cwd }: Context): Promise<ExportResult> {
  const { circle } = await circleById(dir, options.id);
  const roster = await readRoster(dir, options.id);
  const rows = rosterLines(roster, options.status).map(signupRow);
  const header = ['status', 'position', 'name', 'email', 'language', 'organisation', 'country', `signed_up (${circle.zoneLabel})`, `status_changed (${circle.zoneLabel})`, 'source', 'seat_email_owed', 'note'];
  const records = rows.map((r) => [
    r.status,
    r.position === undefined ? '' : String(r.position),
    r.name ?? '',
    r.email,
    r.language,
    r.organisation ?? '',
    r.country ?? '',
    localTime(r.signedUp, circle),
    localTime(r.statusChanged, circle),
    r.source,
    r.seatEmailOwed ? 'yes' : '',
    r.note ?? '',
  ].map(neutralise));
  const csv = stringify([header, ...records], {
    delimiter: options.delimiter === 'tab' ? '\t' : (options.delimiter ?? ','),
    ...(options.excel ? { bom: true, record_delimiter: 'windows' as const } : {}),
  });
  if (!options.out) return { ok: true, csv, signups: rows.length };
  const path = resolve(cwd, options.out);
  await writeFileAtomic(path, csv, { overwrite: true, access: 'private' });
  return { ok: true, csv, signups: rows.length, path };
}

export function present({ csv, signups, path }: ExportResult, { cwd }: Style): Shown {
  if (!path) return { out: csv };
  return { err: `wrote ${signups} signup${signups === 1 ? '' : 's'} to ${relative(cwd, path) || path} (personal data: keep it out of git and delete it when done)\n` };
}
