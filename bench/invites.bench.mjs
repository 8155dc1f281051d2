// `circle invites --feed` on the example workspace (4 circles), as a user runs it: a cold process each time.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ms, ROOT, timeCommand } from './timing.mjs';

const dir = mkdtempSync(join(tmpdir(), 'circle-bench-'));
try {
  cpSync(join(ROOT, 'circles'), join(dir, 'circles'), { recursive: true });
  const first = timeCommand([process.execPath, BIN, 'invites', '--feed'], { runs: 1, cwd: dir });
  const again = timeCommand([process.execPath, BIN, 'invites', '--feed'], { cwd: dir });
  const dry = timeCommand([process.execPath, BIN, 'invites', '--feed', '--dry-run'], { cwd: dir });
  console.log(`circle invites --feed, first run:       ${ms(first.min)}`);
  console.log(`circle invites --feed, nothing changed: median ${ms(again.median)}, min ${ms(again.min)}`);
  console.log(`circle invites --feed --dry-run:        median ${ms(dry.median)}, min ${ms(dry.min)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
