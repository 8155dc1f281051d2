import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { signupsIn } from '../helpers/signups.js';

/* What a run of `circle inbox` leaves in the workspace, for the tests to compare. */

/** Each signup of making-a-case as `name:status[:owed][ (note)]`, in list order. */
export async function rosterState(dir: string): Promise<string[]> {
  return (await signupsIn(dir, 'making-a-case')).map((s) => `${s.email.split('@')[0]}:${s.status}${s.seatEmailOwed ? ':owed' : ''}${s.note ? ` (${s.note})` : ''}`);
}

export const journalLines = (dir: string) => readFileSync(join(dir, 'journals', 'making-a-case.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

const HANDLED = (dir: string) => join(dir, 'journals', 'inbox-handled.jsonl');

/** The Message-IDs recorded as handled, in order, duplicates kept. */
export const handledIds = (dir: string): string[] =>
  existsSync(HANDLED(dir)) ? readFileSync(HANDLED(dir), 'utf8').trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { messageId: string }).messageId) : [];

export const handledMode = (dir: string) => statSync(HANDLED(dir)).mode & 0o777;

/** Every file of the workspace's rosters/ and journals/ with its bytes: a run that changes nothing leaves this as it was. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const folder of ['rosters', 'journals', 'circles']) {
    if (!existsSync(join(dir, folder))) continue;
    for (const name of readdirSync(join(dir, folder))) files[`${folder}/${name}`] = readFileSync(join(dir, folder, name), 'utf8');
  }
  return files;
}
