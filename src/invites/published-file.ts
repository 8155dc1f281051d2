import { stringify } from 'yaml';
import { refused } from '../failure.js';
import { shownPath } from '../workspace/file-errors.js';
import { schemaFindings } from '../validate/schema-findings.js';
import { place } from '../validate/problem.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import { publishedFile } from '../workspace/paths.js';
import { cacheEntry } from '../workspace/parse-cache.js';
import { readIfExists, readOnce } from '../workspace/read-once.js';
import { parseYamlBytes } from '../workspace/yaml-file.js';
import { publishedSchema, type PublishedState } from './published.js';

/** A dotfile in circles/: committed with the circles, never read as a circle. */

const HEADER = [
  '# Written by `circle invites`: the calendar event each circle was last published as.',
  '# Commit it with the circles so that every clone sends the same UID and SEQUENCE.',
  '# Do not edit it: with a lower SEQUENCE, calendars ignore the next update.',
];

export interface PublishedFile {
  state: PublishedState;
  /** The bytes read, to notice another run that wrote in between. */
  text: string | undefined;
}


/**
 * The published state of a workspace; none when the file does not exist. An empty or damaged
 * file is an error, never "nothing published": that would restart every SEQUENCE at 0. Read once
 * per command while the file is unchanged (`fresh`: read anyway, as under its lock).
 */
export function readPublished(dir: string, options: { fresh?: boolean } = {}): Promise<PublishedFile> {
  return readOnce('published', publishedFile(dir), () => parsedPublished(dir), options);
}

async function parsedPublished(dir: string): Promise<PublishedFile> {
  const path = publishedFile(dir);
  const bytes = readIfExists(path);
  if (bytes === undefined) return { state: {}, text: undefined };
  const text = bytes.toString('utf8');
  const cache = cacheEntry<PublishedState>(path, bytes);
  if (cache.found) return { state: cache.found, text };
  const where = shownPath(path);
  const hint = `restore it from git (git checkout -- ${where}); do not delete it, or calendars will ignore updates`;
  const yamlFile = parseYamlBytes(Buffer.from(text, 'utf8'));
  const checked = yamlFile.data ? schemaFindings(publishedSchema, yamlFile.data) : { findings: [] };
  const findings = [...yamlFile.findings, ...checked.findings];
  const first = findings[0];
  if (first || !checked.value) {
    const problem = place(where, yamlFile.yaml, first ?? { path: [], message: 'unreadable', severity: 'error' });
    throw refused('input', `${problem.file}:${problem.line}:${problem.col}: the published state is damaged: ${problem.message}`, hint);
  }
  cache.keep(checked.value.circles);
  return { state: checked.value.circles, text };
}

function renderPublished(state: PublishedState): string {
  const circles = Object.fromEntries(Object.keys(state).sort().map((id) => [id, state[id]]));
  return `${HEADER.join('\n')}\n${stringify({ circles }, { lineWidth: 0 })}`;
}

/** Writes the state atomically; `read` is the file as read under the published-state lock. */
export async function writePublished(dir: string, read: PublishedFile, state: PublishedState): Promise<boolean> {
  const content = renderPublished(state);
  if (content === read.text) return false;
  await writeFileAtomic(publishedFile(dir), content, { overwrite: true });
  return true;
}
