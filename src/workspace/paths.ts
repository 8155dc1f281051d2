import { basename, join } from 'node:path';

/*
 * The layout of a workspace: the folder that holds `circles/` (`dir` everywhere; `workspace` is
 * what `loadWorkspace` read from it). Every path of the tool's own files is made here.
 */
export const CIRCLES_DIR = 'circles';
export const SCHEMA_DIR = 'schema';
/** Personal data: one roster per circle. */
export const ROSTERS_DIR = 'rosters';
/** Personal data: one mail journal per circle. */
export const JOURNALS_DIR = 'journals';
/** The calendar files `circle invites` writes by default. */
export const INVITES_DIR = 'invites';
/** The workspace's own templates, used before the bundled ones. */
export const TEMPLATES_DIR = 'templates';
/** The folder the README suggests for `--preview`: mail as .eml files, personal data. */
export const PREVIEW_DIR = 'outbox';
export const SERIES_SUFFIX = '.series.yaml';
/** Parsed copies of the workspace's files, kept between commands (src/workspace/parse-cache.ts). */
export const CACHE_DIR = '.circle-cache';
/** The tool's own state in circles/ (what `circle invites` published). */
export const PUBLISHED_FILE = '.published.yaml';
/** The temp file of an atomic write, `.circle-<name>.<random>.tmp`, beside the file it replaces. */
const TEMP_PREFIX = '.circle-';
const TEMP_SUFFIX = '.tmp';
export const tempFileName = (name: string, random: string) => `${TEMP_PREFIX}${name}.${random}${TEMP_SUFFIX}`;

const lockName = (name: string) => `.${name}.lock`;

export const circlesDir = (dir: string) => join(dir, CIRCLES_DIR);
export const circleFile = (dir: string, id: string) => join(dir, CIRCLES_DIR, `${id}.yaml`);
export const seriesFile = (dir: string, slug: string) => join(dir, CIRCLES_DIR, `${slug}${SERIES_SUFFIX}`);
export const publishedFile = (dir: string) => join(dir, CIRCLES_DIR, PUBLISHED_FILE);
/** Held while the published state is read and written. */
export const publishedLockFile = (dir: string) => join(dir, CIRCLES_DIR, lockName('published'));

export const rostersDir = (dir: string) => join(dir, ROSTERS_DIR);
export const rosterFile = (dir: string, id: string) => join(dir, ROSTERS_DIR, `${id}.yaml`);
/** Held while a roster is read, changed and written. */
export const rosterLockFile = (dir: string, id: string) => join(dir, ROSTERS_DIR, lockName(id));

export const journalsDir = (dir: string) => join(dir, JOURNALS_DIR);
export const journalFile = (dir: string, id: string) => join(dir, JOURNALS_DIR, `${id}.jsonl`);
/** The mail lock of a circle: held while its mail is sent or its journal rewritten. */
export const mailLockFile = (dir: string, id: string) => join(dir, JOURNALS_DIR, lockName(id));

export const invitesDir = (dir: string) => join(dir, INVITES_DIR);
export const templatesDir = (dir: string) => join(dir, TEMPLATES_DIR);

/**
 * What `circle init` puts in .gitignore. Personal data stays out of git: rosters and mail journals
 * (with their locks), mail previews (`--preview outbox/`, any .eml) and CSV files (form exports and
 * `signups export --out`). Folders are anchored so no other folder is hidden.
 */
export const GITIGNORE_LINES: readonly string[] = [
  '# personal data: signups, mail journals, mail previews, form exports and roster exports',
  `/${ROSTERS_DIR}/`,
  `/${JOURNALS_DIR}/`,
  `/${PREVIEW_DIR}/`,
  '*.eml',
  '*.csv',
  '# generated',
  `/${INVITES_DIR}/`,
  `${TEMP_PREFIX}*${TEMP_SUFFIX}`,
  // A lock a killed run left in circles/ is no circle to commit.
  `/${CIRCLES_DIR}/${lockName('*')}`,
];

export type FileKind = { kind: 'series'; slug: string } | { kind: 'circle'; id: string };

/**
 * A series file is `<slug>.series.yaml`; any other `.yaml` or `.yml` file in circles/ is a circle.
 * Dotfiles are the tool's own state or editors' leftovers, never circles.
 */
export function classifyFile(path: string): FileKind | undefined {
  const name = basename(path);
  if (name.startsWith('.')) return undefined;
  if (name.endsWith(SERIES_SUFFIX)) return { kind: 'series', slug: name.slice(0, -SERIES_SUFFIX.length) };
  const match = /^(.*)\.ya?ml$/.exec(name);
  return match?.[1] ? { kind: 'circle', id: match[1] } : undefined;
}

/**
 * A YAML file in circles/ that is not read as a circle because its name starts with a dot
 * (`.hidden.yaml`, `..yaml`); not the tool's own state, nor an editor's lock (Emacs' `.#name.yaml`).
 */
export function isHiddenYaml(path: string): boolean {
  const name = basename(path);
  return name.startsWith('.') && !name.startsWith('.#') && /\.ya?ml$/.test(name) && name !== PUBLISHED_FILE;
}
