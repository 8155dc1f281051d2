// The generated Google Forms export of the signups benchmarks, shared so they all read the same file.
import { writeFileSync } from 'node:fs';

/** Month-first timestamps a few seconds apart, some duplicates, a session answer. */
export function writeFormExport(path, rows) {
  const sessions = ['Learning Circle #1', 'Learning Circle #2; Learning Circle #3', 'Learning Circle #4', 'Learning Circle #1, Learning Circle #4'];
  const languages = ['English', 'Español', 'Inglés', 'Spanish'];
  const lines = ['Timestamp,Email Address,Full name,Organisation,Country,Preferred language,Which sessions would you like to join?'];
  const start = Date.UTC(2019, 9, 28, 9, 0, 0);
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + i * 7_000);
    const stamp = `${at.getUTCMonth() + 1}/${at.getUTCDate()}/${at.getUTCFullYear()} ${at.getUTCHours()}:${String(at.getUTCMinutes()).padStart(2, '0')}:${String(at.getUTCSeconds()).padStart(2, '0')}`;
    const person = i % 50 === 49 ? i - 7 : i; // one row in fifty is someone signing up again
    lines.push(`${stamp},person${person}@example.org,Person ${person} Example,"Organisation ${person % 997}, Office ${person % 7}",Country ${person % 193},${languages[i % 4]},"${sessions[i % 4]}"`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}
