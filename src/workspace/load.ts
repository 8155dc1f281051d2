import type { DateTime } from 'luxon';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { refused } from '../failure.js';
import { resolveCircle, type ResolvedCircle } from '../model/circle.js';
import { circleSchema, seriesSchema, type Circle, type Series } from '../model/schema.js';
import { circleFindings, seriesFindings } from '../validate/circle-rules.js';
import { duplicateNumbers, type NumberedFile } from '../validate/duplicate-numbers.js';
import { countProblems, place, warning, type Finding, type Problem } from '../validate/problem.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { fileError, shownPath } from './file-errors.js';
import { circlesDir, classifyFile, isHiddenYaml } from './paths.js';
import { folderVersion, readOnce } from './read-once.js';
import { readYamlFile, type YamlFile } from './yaml-file.js';

export interface Workspace {
  dir: string;
  /** Every file that was checked, absolute. */
  files: string[];
  series: Map<string, { file: string; series: Series }>;
  circles: Array<{ file: string; circle: Circle }>;
  problems: Problem[];
}

/** The circle and series files of a folder, and the YAML files it leaves out for their leading dot. */
async function yamlFilesIn(dir: string): Promise<{ files: string[]; hidden: string[] }> {
  const names = (await readdir(dir)).sort();
  return { files: names.filter((name) => classifyFile(name)).map((name) => join(dir, name)), hidden: names.filter(isHiddenYaml).map((name) => join(dir, name)) };
}

async function expand(paths: readonly string[]): Promise<{ files: string[]; hidden: string[] }> {
  const lists = await Promise.all(
    paths.map(async (path) => {
      const info = await stat(path).catch(() => undefined);
      if (!info) throw refused('input', `no such file or folder: ${path}`, 'check the path, or run circle validate with no arguments to check all of circles/');
      if (info.isDirectory()) return yamlFilesIn(resolve(path));
      if (!classifyFile(path)) {
        throw refused('input', `${path} is not a circle or series file`, 'circle files end in .yaml or .yml (series files in .series.yaml) and do not start with a dot; give one of those, a folder, or a roster in rosters/');
      }
      return { files: [resolve(path)], hidden: [] };
    }),
  );
  return { files: lists.flatMap((list) => list.files), hidden: lists.flatMap((list) => list.hidden) };
}

/** The folder circles/, or an error that says which part of the path is not a folder. */
async function circleFilesOf(dir: string): Promise<{ files: string[]; hidden: string[] }> {
  const folder = resolve(circlesDir(dir));
  return yamlFilesIn(folder).catch(async (cause: NodeJS.ErrnoException) => {
    if (cause.code === 'ENOENT') {
      throw refused('input', `no circles/ folder in ${resolve(dir)}`, 'run `circle init` to create a workspace, or pass -C <folder> to point at one');
    }
    if (cause.code === 'ENOTDIR') {
      const workspaceIsFile = !(await stat(dir).then((info) => info.isDirectory(), () => false));
      if (workspaceIsFile) throw refused('input', `${dir} is a file, not a workspace folder`, 'give -C the folder that holds circles/ (or run circle init to make one)');
      throw refused('input', `${shownPath(folder)} is a file, not a folder`, 'circles/ is the folder of circle files: move that file away, then run `circle init` or add circle files to a new circles/ folder');
    }
    throw fileError(cause, folder, 'read');
  });
}

const hiddenProblem = (file: string): Problem =>
  place(file, undefined, warning([], `${basename(file)} is not read: a file whose name starts with a dot is never a circle`, 'if it is a circle, rename it to <id>.yaml; otherwise move it out of circles/'));

/**
 * Reads and checks every series and circle file of a workspace. With `only`, problems are
 * reported for those files alone, but the whole workspace still serves as context.
 */
export async function loadWorkspace(dir: string, only?: readonly string[], now?: DateTime): Promise<Workspace> {
  const { files: all, hidden: allHidden } = await circleFilesOf(dir);
  const given = only?.length ? await expand(only) : undefined;
  const selected = given?.files ?? all;
  const files = [...new Set([...all, ...selected])];
  const inWorkspace = new Set(all);
  const read = new Map(await Promise.all(files.map(async (file) => [file, await readYamlFile(file, { cached: inWorkspace.has(file) })] as const)));
  const problems: Problem[] = [];
  const report = (file: string, yamlFile: YamlFile, findings: readonly Finding[]) =>
    problems.push(...findings.map((finding) => place(file, yamlFile.locate ?? yamlFile.yaml, finding)));

  const series = new Map<string, { file: string; series: Series }>();
  const seriesContext = new Map<string, Record<string, unknown>>();
  for (const [file, yamlFile] of read) {
    const kind = classifyFile(file);
    if (kind?.kind !== 'series') continue;
    report(file, yamlFile, yamlFile.findings);
    if (!yamlFile.data) continue;
    seriesContext.set(typeof yamlFile.data.slug === 'string' ? yamlFile.data.slug : kind.slug, yamlFile.data);
    const checked = schemaFindings(seriesSchema, yamlFile.data);
    const findings = [...checked.findings, ...seriesFindings(yamlFile.data, kind.slug)];
    report(file, yamlFile, findings);
    if (checked.value && !findings.some((f) => f.severity === 'error')) series.set(checked.value.slug, { file, series: checked.value });
  }

  const circles: Array<{ file: string; circle: Circle }> = [];
  const numbered: NumberedFile[] = [];
  for (const [file, yamlFile] of read) {
    const kind = classifyFile(file);
    if (kind?.kind !== 'circle') continue;
    report(file, yamlFile, yamlFile.findings);
    if (!yamlFile.data) continue;
    const checked = schemaFindings(circleSchema, yamlFile.data);
    const findings = [...checked.findings, ...circleFindings(yamlFile.data, { fileId: kind.id, series: seriesContext, ...(now ? { now } : {}) })];
    report(file, yamlFile, findings);
    numbered.push({ file, series: yamlFile.data.series, number: yamlFile.data.number });
    if (checked.value && !findings.some((f) => f.severity === 'error')) circles.push({ file, circle: checked.value });
  }

  for (const { file, finding } of duplicateNumbers(numbered)) report(file, read.get(file) ?? { findings: [] }, [finding]);

  for (const file of given?.hidden ?? allHidden) problems.push(hiddenProblem(file));
  const chosen = new Set([...selected, ...(given?.hidden ?? allHidden)]);
  const reported = problems.filter((p) => chosen.has(p.file));
  reported.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
  return {
    dir,
    files: selected,
    series,
    circles: circles.filter((c) => !reported.some((p) => p.file === c.file && p.severity === 'error')),
    problems: reported,
  };
}

/**
 * The circles of a workspace ready for use, or an error that sends the user to `circle validate`.
 * Read and checked once per command while no circle or series file changes (`circle run` asks in
 * every step); the workspace is shared, the list of circles the caller's own.
 */
export async function loadCircles(dir: string): Promise<{ workspace: Workspace; circles: ResolvedCircle[] }> {
  const folder = circlesDir(dir);
  const loaded = await readOnce('circles', folder, () => checkedCircles(dir), { version: (path) => folderVersion(path, (name) => classifyFile(name) !== undefined) });
  return { workspace: loaded.workspace, circles: [...loaded.circles] };
}

async function checkedCircles(dir: string): Promise<{ workspace: Workspace; circles: ResolvedCircle[] }> {
  const workspace = await loadWorkspace(dir);
  const { errors } = countProblems(workspace.problems);
  if (errors > 0) {
    throw refused('input', `${errors} problem${errors === 1 ? '' : 's'} in the circle files`, 'run `circle validate` to see them');
  }
  const circles = workspace.circles
    .map(({ file, circle }) => {
      const entry = workspace.series.get(circle.series);
      if (!entry) throw new Error(`series ${circle.series} vanished after validation`);
      return resolveCircle(circle, entry.series, file);
    })
    .sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.circle.number - b.circle.number);
  return { workspace, circles };
}
