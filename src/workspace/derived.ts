/*
 * What is derived from one read journal, roster or circle, made once for it. `circle run` plans
 * every circle in each mail step and again for its status, from the same reads (read-once.ts); a
 * changed file is read into a new object, and a read one is never changed in place, so a view kept
 * per object cannot go stale. Kept in a WeakMap: gone with the object.
 */

/** `derive`, made once per object `of` (by identity). */
export function derivedOnce<K extends object, T>(derive: (of: K) => T): (of: K) => T {
  const made = new WeakMap<K, { value: T }>();
  return (of) => {
    let kept = made.get(of);
    if (!kept) made.set(of, (kept = { value: derive(of) }));
    return kept.value;
  };
}
