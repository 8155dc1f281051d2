import { inputError, usageError } from '../errors.js';
import type { ResolvedCircle } from '../model/circle.js';
import { closest, didYouMean } from '../validate/suggest.js';

/*
 * Series and circles picked by name, as every command picks them: an unknown name is a usage
 * error that offers the nearest known one.
 */

/** The series when the workspace has exactly one: what a command uses when none is named. */
export function onlySeries(series: ReadonlyMap<string, unknown>): string | undefined {
  const slugs = [...series.keys()];
  return slugs.length === 1 ? slugs[0] : undefined;
}

/** The series named `slug` (with `--series`), or a usage error with the nearest known one. */
export function seriesNamed<T>(series: ReadonlyMap<string, T>, slug: string): T {
  const entry = series.get(slug);
  if (entry !== undefined) return entry;
  const slugs = [...series.keys()];
  const near = closest(slug, slugs);
  throw usageError(`no series "${slug}"`, `${near ? `did you mean "${near}"? ` : ''}series here: ${slugs.join(', ') || 'none'}`);
}

/** The series named with `--series`, or the only one; `command` is what the hint suggests running with --series. */
export function selectSeries<T>(series: ReadonlyMap<string, T>, wanted: string | undefined, command: string): { slug: string; entry: T } {
  if (wanted !== undefined) return { slug: wanted, entry: seriesNamed(series, wanted) };
  const only = onlySeries(series);
  if (only !== undefined) return { slug: only, entry: seriesNamed(series, only) };
  const slugs = [...series.keys()];
  if (slugs.length === 0) throw inputError('no series in this workspace', 'create one with `circle init`, or pass -C <folder> to point at a workspace');
  throw usageError(`this workspace has ${slugs.length} series: ${slugs.join(', ')}`, `pick one with --series, e.g. circle ${command} --series ${slugs[0]}`);
}

/** The circles named by `ids`, in that order, or a usage error for the first unknown id with the nearest known one. */
export function circlesNamed(circles: readonly ResolvedCircle[], ids: readonly string[]): ResolvedCircle[] {
  return ids.map((id) => {
    const found = circles.find((c) => c.circle.id === id);
    if (found) return found;
    const known = circles.map((c) => c.circle.id);
    throw usageError(`no circle "${id}"`, known.length ? didYouMean(id, known) : 'add one with `circle add`');
  });
}

/** The circles named by `ids`, in workspace order; all of them when none is named. */
export function circlesNamedOrAll(circles: readonly ResolvedCircle[], ids: readonly string[]): ResolvedCircle[] {
  if (ids.length === 0) return [...circles];
  circlesNamed(circles, ids);
  return circles.filter((c) => ids.includes(c.circle.id));
}
