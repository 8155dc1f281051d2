import { open, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Zone } from 'luxon';
import { inputError, usageError } from '../../errors.js';
import { resolveZone } from '../../model/time.js';
import { admit, nowInstant } from '../../roster/seats.js';
import { updateRosters } from '../../roster/store.js';
import type { Roster } from '../../roster/types.js';
import { planSeries, planSingle, type ImportPlan, type ImportTarget } from '../../signups/plan.js';
import { circleImport, fileReport, newcomers, type CircleOutcomes, type FileSummary } from '../../signups/import-tally.js';
import { readExport } from '../../signups/read-export.js';
import { jsonText, note, warn } from '../../ui/terminal.js';
import { loadCircles } from '../../workspace/load.js';
import { selectSeries } from '../../workspace/select.js';
import { circleById, importTarget } from './circles.js';
import { formatImport } from './import-text.js';
import { rosterLocking } from './lock-events.js';
import { sayNextSteps } from './next-steps.js';
import { unwrap } from '../../failure.js';

export interface ImportOptions {
  dir: string;
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

/**
 * The file in one read where it can: readFile reads it piece by piece, each piece waiting for the
 * main thread, which is busy loading the circles meanwhile.
 */
async function readWhole(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) return await readFile(path);
    const bytes = Buffer.allocUnsafe(info.size);
    let done = 0;
    while (done < info.size) {
      const { bytesRead } = await handle.read(bytes, done, info.size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}

async function readBytes(path: string): Promise<Buffer> {
  return readWhole(path).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') throw inputError(`no such file: ${path}`, 'check the path of the downloaded export');
    if (cause.code === 'EISDIR') throw inputError(`${path} is a folder, not a CSV file`);
    throw inputError(`cannot read ${path}: ${cause.code ?? cause.message}`);
  });
}

/** Which circles the file feeds, and the zone its timestamps are read in. */
async function targetsFor(options: ImportOptions) {
  if (options.id !== undefined) {
    if (options.sessionColumn !== undefined) throw usageError('give a circle id or --session-column, not both');
    const { circle } = await circleById(options.dir, options.id, { scheduled: true });
    return { targets: [importTarget(circle)], zone: circle.zone, series: false };
  }
  if (options.sessionColumn === undefined) throw usageError('missing the circle id', 'circle signups import <id> <file.csv>, or --session-column <header> for a form serving a whole series');
  const { workspace, circles } = await loadCircles(options.dir);
  const { slug, entry: series } = unwrap(selectSeries(workspace.series, options.series, 'signups import'));
  const members = circles.filter((c) => c.circle.series === slug);
  const zone = resolveZone(series.series.timezone);
  if (!zone.ok) throw new Error(`series ${slug} has an invalid zone after validation`);
  return { targets: members.map(importTarget), zone: zone.value, series: true };
}

async function readAndPlan(options: ImportOptions, bytes: Promise<Buffer>, targets: ImportTarget[], zone: Zone, series: boolean): Promise<{ summary: FileSummary; plan: ImportPlan; importedAt: string }> {
  const importedAt = nowInstant();
  const file = readExport(await bytes, {
    file: basename(options.file),
    zone,
    importedAt,
    circleStarts: targets.map((t) => t.start),
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.map ? { maps: options.map } : {}),
    ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
    ...(options.sessionColumn !== undefined ? { sessionColumn: options.sessionColumn } : {}),
  });
  if (file.encodingWarning) warn(file.encodingWarning);
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
  return { summary, plan, importedAt };
}

export async function importSignups(options: ImportOptions): Promise<void> {
  // The file is read while the circles are loaded; a problem with the circles is still reported first.
  const bytes = readBytes(options.file);
  bytes.catch(() => undefined);
  const { targets, zone: defaultZone, series } = await targetsFor(options);
  let zone = defaultZone;
  if (options.timezone !== undefined) {
    const given = resolveZone(options.timezone);
    if (!given.ok) throw usageError(`--timezone: ${given.reason}`);
    zone = given.value;
  }
  const { summary, plan, importedAt } = await readAndPlan(options, bytes, targets, zone, series);
  const ids = [...plan.incoming.keys()].filter((id) => (plan.incoming.get(id)?.length ?? 0) > 0);

  const report = fileReport(summary, zone, plan.rejected, Boolean(options.dryRun));
  let circles: CircleOutcomes[] = [];
  let output = '';
  await updateRosters(
    options.dir,
    ids,
    (rosters) => {
      const changed = new Map<string, Roster>();
      circles = ids.map((id) => {
        const { capacity, language } = targets.find((t) => t.id === id) as ImportTarget;
        const result = admit(rosters.get(id) as Roster, plan.incoming.get(id) ?? [], { capacity, now: importedAt, language });
        changed.set(id, result.roster);
        return { id, capacity, outcomes: result.outcomes, promoted: result.promoted, roster: result.roster };
      });
      return { rosters: changed, result: circles };
    },
    {
      ...(options.dryRun ? { dryRun: true } : {}),
      ...rosterLocking({ events: { note, warn, progress: () => undefined } }),
      // The report is made while the rosters are flushed to disk, and shown once they are.
      whileFlushing: () => {
        output = options.json ? jsonText({ ...report, circles: circles.map(circleImport) }) : formatImport(report, circles);
      },
    },
  );
  process.stdout.write(output);
  if (!options.dryRun) await sayNextSteps(options.dir, circles.map(newcomers));
}
