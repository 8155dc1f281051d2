// `circle invites --feed` on the example workspace (4 circles), as a user runs it: a cold process
// each time; the first run writes the calendar files, later ones find nothing changed.
// Target: each under 500 ms (median).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ms, ROOT, target, timeCommand, timeInTurns } from './timing.mjs';

const dir = mkdtempSync(join(tmpdir(), 'circle-bench-'));
try {
  cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
  const first = timeCommand([process.execPath, BIN, 'invites', '--feed'], { runs: 1, cwd: dir });
  const [again, dry] = timeInTurns([[process.execPath, BIN, 'invites', '--feed'], [process.execPath, BIN, 'invites', '--feed', '--dry-run']], { cwd: dir });
  console.log(`circle invites --feed, first run:       ${ms(first.min)}`);
  console.log(`circle invites --feed, nothing changed: median ${ms(again.median)}, min ${ms(again.min)}`);
  console.log(`circle invites --feed --dry-run:        median ${ms(dry.median)}, min ${ms(dry.min)}`);
  const slowest = Math.max(first.min, again.median, dry.median);
  target(`every circle invites --feed run under 500 ms (slowest ${ms(slowest)})`, slowest < 500);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
