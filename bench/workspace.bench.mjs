// Start-up: `circle --help` against bare `node -e 0`, run in turns. Then `circle validate` over
// 1,000 circle files. Targets: --help within 1.5x of bare node; validate under 1 s.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ms, ROOT, target, timeCommand, timeInTurns } from './timing.mjs';

const node = process.execPath;
const [bare, help] = timeInTurns([[node, '-e', '0'], [node, BIN, '--help']], { runs: 25 });

const dir = mkdtempSync(join(tmpdir(), 'circle-bench-'));
try {
  mkdirSync(join(dir, 'circles'));
  cpSync(join(ROOT, 'circles', 'lift.series.yaml'), join(dir, 'circles', 'lift.series.yaml'));
  const template = readFileSync(join(ROOT, 'circles', 'health-outcomes.yaml'), 'utf8');
  for (let i = 1; i <= 1000; i++) {
    const id = `circle-${i}`;
    const day = String((i % 28) + 1).padStart(2, '0');
    writeFileSync(
      join(dir, 'circles', `${id}.yaml`),
      template.replace('id: health-outcomes', `id: ${id}`).replace('number: 3', `number: ${i}`).replace('2019-12-04T12:00', `2019-12-${day}T12:00`),
    );
  }
  const validate = timeCommand([node, BIN, 'validate'], { runs: 7, cwd: dir });
  const rows = [
    ['node -e 0', bare.median, 1],
    ['circle --help', help.median, help.median / bare.median],
    ['circle validate (1,000 files)', validate.median, validate.median / bare.median],
  ];
  for (const [name, median, ratio] of rows) console.log(`${name.padEnd(32)} median ${ms(median).padStart(10)}   ${ratio.toFixed(2)}x bare node`);
  const startup = help.median / bare.median;
  target(`circle --help within 1.5x of bare node (${startup.toFixed(2)}x; mins ${(help.min / bare.min).toFixed(2)}x)`, startup <= 1.5);
  target(`circle validate, 1,000 files, under 1 s (${ms(validate.median)})`, validate.median < 1000);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
