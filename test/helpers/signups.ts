import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { exampleWorkspace } from './cli.js';
import { circle } from './in-process.js';

export const FIXTURES = new URL('../fixtures/signups/', import.meta.url).pathname;

/** Copies a fixture export into the workspace and returns its name there. */
export function addFixture(dir: string, name: string): string {
  copyFileSync(join(FIXTURES, name), join(dir, name));
  return name;
}

/** A Google Forms export of people who signed up on 28 October of `year`, at 09:<minute> UTC: one row per [name, minute]. */
export function formExport(dir: string, name: string, people: Array<[string, number]>, year = 2019): string {
  const lines = ['Timestamp,Email Address,Full name'];
  for (const [who, minute] of people) {
    const at = new Date(Date.UTC(year, 9, 28, 9, minute));
    const stamp = `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${at.getUTCHours()}:${String(at.getUTCMinutes()).padStart(2, '0')}:00`;
    lines.push(`${stamp},${who}@example.org,${who[0]?.toUpperCase()}${who.slice(1)} Example`);
  }
  // A day after the 12th makes the file month-first without doubt.
  lines.push(`10/30/${year} 9:00:00,,`);
  writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  return name;
}

export interface SignupJson {
  status: string;
  position?: number;
  name?: string;
  email: string;
  language: string;
  organisation?: string;
  country?: string;
  signedUp: string;
  source: string;
  seatEmailOwed: boolean;
  note?: string;
}

/** `circle signups list <id> --json`, run in the test process. */
export async function signupsIn(dir: string, id: string, status?: string): Promise<SignupJson[]> {
  const result = await circle(['signups', 'list', id, '--json', ...(status ? ['--status', status] : [])], { cwd: dir });
  if (result.code !== 0) throw new Error(`signups list failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as SignupJson[];
}

export const who = (rows: SignupJson[]) => rows.map((r) => `${r.email.split('@')[0]}${r.position ? `#${r.position}` : ''}`);

export const rosterText = (dir: string, id: string) => readFileSync(join(dir, 'rosters', `${id}.yaml`), 'utf8');


/** Sets a circle's capacity in its file, as an organiser edits it. */
export function setCapacity(dir: string, id: string, capacity: number): void {
  const path = join(dir, 'circles', `${id}.yaml`);
  writeFileSync(path, readFileSync(path, 'utf8').replace(/capacity: \d+/, `capacity: ${capacity}`));
}

/** The example workspace with making-a-case at 2 seats: ana and ben seated, cai and dee waiting. */
export async function twoSeats(): Promise<string> {
  const dir = exampleWorkspace();
  setCapacity(dir, 'making-a-case', 2);
  const file = formExport(dir, 'a.csv', [['ana', 1], ['ben', 2], ['cai', 3], ['dee', 4]]);
  expect((await circle(['signups', 'import', 'making-a-case', file], { cwd: dir })).code).toBe(0);
  return dir;
}
