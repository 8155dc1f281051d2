import { describe, expect, it } from 'vitest';
import { clockOf } from '../../src/cli/process-context.js';
import { CircleError } from '../../src/errors.js';
import { exampleWorkspace } from '../helpers/cli.js';
import { circle } from '../helpers/in-process.js';

/* The clock of the shipped CLI, from CIRCLE_NOW in the environment. */

describe('CIRCLE_NOW', () => {
  it.each([
    ['2026-03-06T09:00:00Z', '2026-03-06T09:00:00.000Z'],
    ['2026-03-06T09:00:00+01:00', '2026-03-06T08:00:00.000Z'],
    ['2026-03-06T09:00-0500', '2026-03-06T14:00:00.000Z'],
    ['2026-03-06T09:00:00.250z', '2026-03-06T09:00:00.250Z'],
  ])('%s is the instant %s', (given, instant) => {
    expect(clockOf({ CIRCLE_NOW: given })().toISOString()).toBe(instant);
  });

  it('stands still: every reading is the same instant', () => {
    const clock = clockOf({ CIRCLE_NOW: '2026-03-06T09:00:00Z' });
    expect(clock().getTime()).toBe(clock().getTime());
  });

  it('unset or empty, is the real clock', () => {
    for (const env of [{}, { CIRCLE_NOW: '' }]) {
      const before = Date.now();
      const read = clockOf(env)().getTime();
      expect(read).toBeGreaterThanOrEqual(before);
      expect(read).toBeLessThanOrEqual(Date.now());
    }
  });

  it.each(['2026-03-06T09:00:00', '2026-03-06', 'friday 09:00', '2026-13-06T09:00:00Z', '1741251600'])('%s is a usage error naming it, with an example, when the clock is read', (given) => {
    const clock = clockOf({ CIRCLE_NOW: given });
    let thrown: unknown;
    try {
      clock();
    } catch (cause) {
      thrown = cause;
    }
    expect(thrown).toBeInstanceOf(CircleError);
    expect((thrown as CircleError).exitCode).toBe(2);
    expect((thrown as CircleError).message).toBe(`CIRCLE_NOW="${given}" is not an instant with an offset`);
    expect((thrown as CircleError).hint).toContain('e.g. CIRCLE_NOW=2026-03-06T09:00:00+01:00');
  });
});

describe('rules that read the present read the clock of the run', () => {
  it('circle validate warns of a start that has passed only once the clock is past it', async () => {
    const dir = exampleWorkspace();
    const before = await circle(['validate', 'circles/health-outcomes.yaml'], { cwd: dir, now: new Date('2019-12-04T11:59:00Z') });
    expect(before.code).toBe(0);
    expect(before.stdout + before.stderr).not.toContain('is still scheduled');
    const after = await circle(['validate', 'circles/health-outcomes.yaml'], { cwd: dir, now: new Date('2019-12-04T12:00:00Z') });
    expect(after.code).toBe(0);
    expect(after.stdout + after.stderr).toContain('the circle started on Wednesday 4 December 2019, 12:00 GMT and is still scheduled');
  });
});
