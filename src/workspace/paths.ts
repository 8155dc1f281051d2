import { basename, join } from 'node:path';

/** Where things live in a workspace (the folder that holds `circles/`). */
export const CIRCLES_DIR = 'circles';
export const SCHEMA_DIR = 'schema';
export const SERIES_SUFFIX = '.series.yaml';
/** The tool's own state in circles/ (what `circle invites` published). */
export const PUBLISHED_FILE = '.published.yaml';

export const circlesDir = (workspace: string) => join(workspace, CIRCLES_DIR);
export const circleFile = (workspace: string, id: string) => join(workspace, CIRCLES_DIR, `${id}.yaml`);
export const seriesFile = (workspace: string, slug: string) => join(workspace, CIRCLES_DIR, `${slug}${SERIES_SUFFIX}`);

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
