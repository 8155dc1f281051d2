import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, ROOT } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

/*
 * One broken file per rule of `circle validate`. Each fixture says what it must produce in
 * `# expect: line:col severity message-part | hint-part` lines; nothing else may be an error.
 */
const FIXTURES = join(ROOT, 'test', 'fixtures', 'validate');

interface Expected {
  line: number;
  col: number;
  severity: string;
  message: string;
  hint?: string;
}

function expectations(text: string): Expected[] {
  return [...text.matchAll(/^# expect: (\d+):(\d+) (error|warning) ([^|\n]+?)(?: \| (.+))?$/gm)].map((m) => ({
    line: Number(m[1]),
    col: Number(m[2]),
    severity: m[3] ?? '',
    message: m[4] ?? '',
    ...(m[5] ? { hint: m[5] } : {}),
  }));
}

interface Problem {
  file: string;
  line: number;
  col: number;
  severity: string;
  message: string;
  hint?: string;
}

describe('circle validate: one fixture per rule, with the right line:col', () => {
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'))) {
    it(name, async () => {
      const expected = expectations(readFileSync(join(FIXTURES, name), 'utf8'));
      expect(expected.length).toBeGreaterThan(0);
      const dir = exampleWorkspace();
      copyFileSync(join(FIXTURES, name), join(dir, 'circles', name));
      const result = await circle(['validate', '--json', join('circles', name)], { cwd: dir });
      const report = JSON.parse(result.stdout) as { ok: boolean; problems: Problem[] };
      const errors = expected.filter((e) => e.severity === 'error').length;
      expect(result.code).toBe(errors > 0 ? 1 : 0);
      expect(report.ok).toBe(errors === 0);
      for (const want of expected) {
        const found = report.problems.find(
          (p) => p.line === want.line && p.col === want.col && p.severity === want.severity && p.message.includes(want.message),
        );
        expect(found, `${name}: ${JSON.stringify(want)} in ${JSON.stringify(report.problems, null, 1)}`).toBeDefined();
        expect(found?.file).toBe(join('circles', name));
        if (want.hint) expect(found?.hint).toContain(want.hint);
      }
      expect(report.problems.filter((p) => p.severity === 'error')).toHaveLength(errors);
    });
  }
});
