import { failure, success, type Result } from '../failure.js';
import type { ResolvedCircle } from '../model/circle.js';
import { closest, didYouMean } from '../validate/suggest.js';

/*
 * Series and circles picked by name, as every command picks them: an unknown name is a usage
 * failure that offers the nearest known one.
 */

/** The series when the workspace has exactly one: what a command uses when none is named. */
export function onlySeries(series: ReadonlyMap<string, unknown>): string | undefined {
  const slugs = [...series.keys()];
  return slugs.length === 1 ? slugs[0] : undefined;
}

/** The series named `slug` (with `--series`), or a usage failure with the nearest known one. */
export function seriesNamed<T>(series: ReadonlyMap<string, T>, slug: string): Result<T> {
  const entry = series.get(slug);
  if (entry !== undefined) return success(entry);
  const slugs = [...series.keys()];
  const near = closest(slug, slugs);
  return failure('usage', `no series "${slug}"`, `${near ? `did you mean "${near}"? ` : ''}series here: ${slugs.join(', ') || 'none'}`);
}

/** The series named with `--series`, or the only one; `command` is what the hint suggests running with --series. */
export function selectSeries<T>(series: ReadonlyMap<string, T>, wanted: string | undefined, command: string): Result<{ slug: string; entry: T }> {
  const slug = wanted ?? onlySeries(series);
  if (slug !== undefined) {
    const named = seriesNamed(series, slug);
    return named.ok ? success({ slug, entry: named.value }) : named;
  }
  const slugs = [...series.keys()];
  if (slugs.length === 0) return failure('input', 'no series in this workspace', 'create one with `circle init`, or pass -C <folder> to point at a workspace');
  return failure('usage', `this workspace has ${slugs.length} series: ${slugs.join(', ')}`, `pick one with --series, e.g. circle ${command} --series ${slugs[0]}`);
}

/** The circles named by `ids`, in that order, or a usage failure for the first unknown id with the nearest known one. */
export function circlesNamed(circles: readonly ResolvedCircle[], ids: readonly string[]): Result<ResolvedCircle[]> {
  const found: ResolvedCircle[] = [];
  for (const id of ids) {
    const circle = circles.find((c) => c.circle.id === id);
    if (circle) {
      found.push(circle);
      continue;
    }
    const known = circles.map((c) => c.circle.id);
    return failure('usage', `no circle "${id}"`, known.length ? didYouMean(id, known) : 'add one with `circle add`');
  }
  return success(found);
}

/** The circles named by `ids`, in workspace order; all of them when none is named. */
export function circlesNamedOrAll(circles: readonly ResolvedCircle[], ids: readonly string[]): Result<ResolvedCircle[]> {
  if (ids.length === 0) return success([...circles]);
  const named = circlesNamed(circles, ids);
  return named.ok ? success(circles.filter((c) => ids.includes(c.circle.id))) : named;
}
