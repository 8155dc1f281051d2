import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/*
 * Heavy libraries load only in the commands that need them: whatever a module imports statically
 * (not `import type`, not `await import()`) loads and compiles with it. `circle status` and the
 * cron line `circle run` with nothing due must not pay for writing calendars, rendering or sending mail.
 */

const SRC = join(ROOT, 'src');
const STATIC_IMPORT = /^import\s+(?!type\s)(?:[\s\S]*?\s+from\s+)?'([^']+)';/gm;

/** The packages a module of src/ loads, through its static imports and theirs. */
function packagesLoadedBy(start: string): string[] {
  const seen = new Set([start]);
  const queue = [start];
  const packages = new Set<string>();
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    for (const [, spec = ''] of readFileSync(join(SRC, name), 'utf8').matchAll(STATIC_IMPORT)) {
      if (spec.startsWith('.')) {
        const next = normalize(join(dirname(name), spec.replace(/\.js$/, '.ts')));
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
      }
    }
  }
  return [...packages].sort();
}

describe('what each command loads', () => {
  it('circle --help loads commander alone', () => {
    expect(packagesLoadedBy('cli.ts')).toEqual(['commander']);
  });

  it.each(['commands/status.ts', 'commands/run.ts', 'commands/list.ts'])('%s loads the files it reads with, and nothing to write calendars or mail with', (command) => {
    expect(packagesLoadedBy(command)).toEqual(['luxon', 'yaml', 'zod']);
  });

  it('finds a library loaded through a chain of modules (validate checks the templates with Handlebars)', () => {
    expect(packagesLoadedBy('commands/validate.ts')).toContain('handlebars');
  });
});
