import { describe, expect, it } from 'vitest';
import type { Result } from '../../src/failure.js';
import type { ResolvedCircle } from '../../src/model/circle.js';
import { GITIGNORE_LINES, journalFile, mailLockFile, publishedFile, publishedLockFile, rosterFile, rosterLockFile, tempFileName } from '../../src/workspace/paths.js';
import { circlesNamed, circlesNamedOrAll, onlySeries, selectSeries } from '../../src/workspace/select.js';

/** The failure a call returned, with the exit code the CLI gives its kind. */
function failure(call: () => Result<unknown>): { message: string; hint: string | undefined; exitCode: number } {
  const result = call();
  if (result.ok) throw new Error('expected a failure');
  return { message: result.failure.message, hint: result.failure.hint, exitCode: result.failure.kind === 'usage' ? 2 : 1 };
}

const seriesOf = (...slugs: string[]) => new Map(slugs.map((slug) => [slug, { file: `circles/${slug}.series.yaml` }]));

describe('selecting a series by name', () => {
  it.each([
    { slugs: ['lift'], wanted: undefined, slug: 'lift' },
    { slugs: ['lift'], wanted: 'lift', slug: 'lift' },
    { slugs: ['lift', 'ocds-clinics'], wanted: 'ocds-clinics', slug: 'ocds-clinics' },
  ])('$slugs with --series $wanted is $slug', ({ slugs, wanted, slug }) => {
    const chosen = selectSeries(seriesOf(...slugs), wanted, 'announce');
    expect(chosen).toEqual({ ok: true, value: { slug, entry: { file: `circles/${slug}.series.yaml` } } });
  });

  it.each([
    { slugs: ['lift'], wanted: 'lfit', message: 'no series "lfit"', hint: 'did you mean "lift"? series here: lift', exitCode: 2 },
    { slugs: ['lift', 'ocds-clinics'], wanted: 'zzz', message: 'no series "zzz"', hint: 'series here: lift, ocds-clinics', exitCode: 2 },
    { slugs: [], wanted: 'lift', message: 'no series "lift"', hint: 'series here: none', exitCode: 2 },
    { slugs: ['lift', 'ocds-clinics'], wanted: undefined, message: 'this workspace has 2 series: lift, ocds-clinics', hint: 'pick one with --series, e.g. circle announce --series lift', exitCode: 2 },
    { slugs: [], wanted: undefined, message: 'no series in this workspace', hint: 'create one with `circle init`, or pass -C <folder> to point at a workspace', exitCode: 1 },
  ])('$slugs with --series $wanted: $message', ({ slugs, wanted, message, hint, exitCode }) => {
    expect(failure(() => selectSeries(seriesOf(...slugs), wanted, 'announce'))).toEqual({ message, hint, exitCode });
  });

  it.each([
    { slugs: [], only: undefined },
    { slugs: ['lift'], only: 'lift' },
    { slugs: ['lift', 'ocds-clinics'], only: undefined },
  ])('the only series of $slugs is $only', ({ slugs, only }) => {
    expect(onlySeries(seriesOf(...slugs))).toBe(only);
  });
});

describe('selecting circles by name', () => {
  const circles = ['lift-1', 'lift-2', 'lift-3'].map((id) => ({ circle: { id } }) as ResolvedCircle);
  const ids = (chosen: Result<ResolvedCircle[]>) => (chosen.ok ? chosen.value.map((c) => c.circle.id) : chosen.failure.message);

  it.each([
    { named: ['lift-3', 'lift-1'], inOrder: ['lift-3', 'lift-1'], orAll: ['lift-1', 'lift-3'] },
    { named: [], inOrder: [], orAll: ['lift-1', 'lift-2', 'lift-3'] },
  ])('$named: in the order named, or in workspace order (all when none)', ({ named, inOrder, orAll }) => {
    expect(ids(circlesNamed(circles, named))).toEqual(inOrder);
    expect(ids(circlesNamedOrAll(circles, named))).toEqual(orAll);
  });

  it.each([
    { all: circles, named: ['lift-4'], hint: 'did you mean "lift-1"?' },
    { all: circles, named: ['autumn'], hint: 'expected one of: lift-1, lift-2, lift-3' },
    { all: [], named: ['lift-1'], hint: 'add one with `circle add`' },
  ])('an unknown $named is a usage error: $hint', ({ all, named, hint }) => {
    const expected = { message: `no circle "${named[0]}"`, hint, exitCode: 2 };
    expect(failure(() => circlesNamed(all, named))).toEqual(expected);
    expect(failure(() => circlesNamedOrAll(all, named))).toEqual(expected);
  });
});

describe('the layout of a workspace', () => {
  it.each([
    [rosterFile('w', 'lift-1'), 'w/rosters/lift-1.yaml'],
    [rosterLockFile('w', 'lift-1'), 'w/rosters/.lift-1.lock'],
    [journalFile('w', 'lift-1'), 'w/journals/lift-1.jsonl'],
    [mailLockFile('w', 'lift-1'), 'w/journals/.lift-1.lock'],
    [publishedFile('w'), 'w/circles/.published.yaml'],
    [publishedLockFile('w'), 'w/circles/.published.lock'],
    [tempFileName('lift-1.yaml', '0a1b2c3d'), '.circle-lift-1.yaml.0a1b2c3d.tmp'],
  ])('%s', (path, expected) => {
    expect(path).toBe(expected);
  });

  it('keeps the folders of personal data, previews, exports, temp files and locks out of git', () => {
    expect(GITIGNORE_LINES).toEqual([
      '# personal data: signups, mail journals, mail previews, form exports and roster exports',
      '/rosters/',
      '/journals/',
      '/outbox/',
      '*.eml',
      '*.csv',
      '# generated',
      '/invites/',
      '.circle-*.tmp',
      '/circles/.*.lock',
    ]);
  });
});
