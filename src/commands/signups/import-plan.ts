import { basename } from 'node:path';
import type { Zone } from 'luxon';
import { usageError } from '../../errors.js';
import { unwrap } from '../../failure.js';
import { resolveZone } from '../../model/time.js';
import type { Events } from '../../context.js';
import { planSeries, planSingle, type ImportPlan, type ImportTarget } from '../../signups/plan.js';
import type { FileSummary } from '../../signups/import-tally.js';
import { readExport } from '../../signups/read-export.js';
import { loadCircles } from '../../workspace/load.js';
import { selectSeries } from '../../workspace/select.js';
import { circleById, importTarget } from './circles.js';

export interface ImportOptions {
  id?: string;
  file: string;
  sessionColumn?: string;
  series?: string;
  encoding?: string;
  map?: string[];
  timezone?: string;
  dateFormat?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** Which circles the file feeds, and the zone its timestamps are read in. */
export async function targetsFor(options: ImportOptions, dir: string): Promise<{ targets: ImportTarget[]; zone: Zone; series: boolean }> {
  const { targets, zone, series } = await circlesFor(options, dir);
  if (options.timezone === undefined) return { targets, zone, series };
  const given = resolveZone(options.timezone);
  if (!given.ok) throw usageError(`--timezone: ${given.reason}`);
  return { targets, zone: given.value, series };
}

async function circlesFor(options: ImportOptions, dir: string) {
  if (options.id !== undefined) {
    if (options.sessionColumn !== undefined) throw usageError('give a circle id or --session-column, not both');
    const { circle } = await circleById(dir, options.id, { scheduled: true });
    return { targets: [importTarget(circle)], zone: circle.zone, series: false };
  }
  if (options.sessionColumn === undefined) throw usageError('missing the circle id', 'circle signups import <id> <file.csv>, or --session-column <header> for a form serving a whole series');
  const { workspace, circles } = await loadCircles(dir);
  const { slug, entry: series } = unwrap(selectSeries(workspace.series, options.series, 'signups import'));
  const members = circles.filter((c) => c.circle.series === slug);
  const zone = resolveZone(series.series.timezone);
  if (!zone.ok) throw new Error(`series ${slug} has an invalid zone after validation`);
  return { targets: members.map(importTarget), zone: zone.value, series: true };
}

/** The file read and split over its circles; an encoding guess is said at once. */
export function readAndPlan(options: ImportOptions, bytes: Buffer, found: { targets: ImportTarget[]; zone: Zone; series: boolean }, importedAt: string, events: Events): { summary: FileSummary; plan: ImportPlan } {
  const { targets, zone, series } = found;
  const file = readExport(bytes, {
    file: basename(options.file),
    zone,
    importedAt,
    circleStarts: targets.map((t) => t.start),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.map ? { maps: options.map } : {}),
    ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    ...(options.sessionColumn !== undefined ? { sessionColumn: options.sessionColumn } : {}),
  });
  if (file.encodingWarning) events.warn(file.encodingWarning);
  const plan = series ? planSeries(file, targets) : planSingle(file, targets[0] as ImportTarget);
  const summary: FileSummary = {
    file: file.file,
    encoding: file.guessedEncoding ? `${file.encoding} (not UTF-8)` : file.encoding,
    delimiter: file.delimiter,
    ...(file.dateOrder ? { dateOrder: file.dateOrder } : {}),
    columns: file.columns as Record<string, string>,
    rows: file.rowCount,
    timed: file.timed,
  };
  return { summary, plan };
}
