import type { Context, Outcome, Shown, Style } from '../../context.js';
import { admit, nowInstant } from '../../roster/seats.js';
import { updateRosters } from '../../roster/store.js';
import type { Roster } from '../../roster/types.js';
import type { ImportTarget } from '../../signups/plan.js';
import { circleImport, fileReport, newcomers, rowByRow, tally, type CircleOutcomes, type ImportReport, type Tally } from '../../signups/import-tally.js';
import { exportBytes } from '../../signups/file-bytes.js';
import { formatImport } from './import-text.js';
import { readAndPlan, targetsFor, type ImportOptions } from './import-plan.js';
import { rosterLocking } from './lock-events.js';
import { stepLines, stepsAfter, type NextStep } from './next-steps.js';

/* `circle signups import`: a form's CSV export into one circle's roster, or (--session-column) a series' rosters. */

export type { ImportOptions };

export interface ImportResult extends Outcome {
  report: Omit<ImportReport, 'circles'>;
  circles: CircleOutcomes[];
  /** Each circle's outcomes counted (while the rosters were written). */
  tallies: Tally[];
  next: NextStep[];
}

export async function run(options: ImportOptions, context: Context): Promise<ImportResult> {
  // The file is read while the circles are loaded; a problem with the circles is still reported first.
  const bytes = exportBytes(options.file);
  bytes.catch(() => undefined);
  const found = await targetsFor(options, context.dir);
  const importedAt = nowInstant(context.now());
  const { summary, plan } = readAndPlan(options, await bytes, found, importedAt, context.events);
  const ids = [...plan.incoming.keys()].filter((id) => (plan.incoming.get(id)?.length ?? 0) > 0);
  const report = fileReport(summary, found.zone, plan.rejected, Boolean(options.dryRun));
  let outcomesOf: CircleOutcomes[] = [];
  let tallies: Tally[] = [];
  const circles: CircleOutcomes[] = await updateRosters(
    context.dir,
    ids,
    (rosters) => {
      const changed = new Map<string, Roster>();
      const outcomes = (outcomesOf = ids.map((id): CircleOutcomes => {
        const { capacity, language, offers } = found.targets.find((t) => t.id === id) as ImportTarget;
        const result = admit(rosters.get(id) as Roster, plan.incoming.get(id) ?? [], { capacity, now: importedAt, language, ...(offers ? { offers } : {}) });
        changed.set(id, result.roster);
        return { id, capacity, outcomes: result.outcomes, promoted: result.promoted, roster: result.roster };
      }));
      return { rosters: changed, result: outcomes };
    },
    {
      ...(options.dryRun ? { dryRun: true } : {}),
      ...rosterLocking(context),
      // Counted while the rosters are flushed to disk, not after.
      whileFlushing: () => (tallies = outcomesOf.map((c) => tally(c.outcomes))),
    },
  );
  const next = options.dryRun ? [] : await stepsAfter(context, circles.map(newcomers));
  return { ok: true, report, circles, tallies, next };
}

export function present(result: ImportResult, { json, colour }: Style): Shown {
  return { ...(json ? {} : { out: formatImport(result.report, result.circles, result.tallies) }), err: stepLines(result.next, colour.err.bold) };
}

/** --json: the report, as documented. */
export const json = ({ report, circles }: ImportResult): ImportReport => ({ ...report, rejected: rowByRow(report.rejected), circles: circles.map(circleImport) });
