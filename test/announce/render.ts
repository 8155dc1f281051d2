import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { selectAnnouncement } from '../../src/announce/select.js';
import { unwrap } from '../../src/failure.js';
import { loadTemplate, renderAnnouncement, type Format } from '../../src/announce/templates.js';
import { buildAnnouncementView, type SeatLookup } from '../../src/announce/view.js';
import { parseZoneList } from '../../src/templates/when.js';
import type { Language } from '../../src/model/schema.js';
import { loadCircles } from '../../src/workspace/load.js';
import { exampleWorkspace, ROOT } from '../helpers/cli.js';

/** Renders an announcement in process, the way `circle announce` does, for tests that pass their own data. */
export async function render(options: {
  dir?: string;
  lang: Language;
  format: Format;
  ids?: string[];
  tz?: string[];
  seatsFor?: SeatLookup;
}) {
  const dir = options.dir ?? ROOT;
  const { workspace, circles } = await loadCircles(dir);
  const selection = unwrap(selectAnnouncement(circles, workspace.series, { ids: options.ids ?? [] }));
  const zones = parseZoneList(options.tz ?? []);
  if (!zones.ok) throw new Error(zones.reason);
  const { view, missing } = buildAnnouncementView({ ...selection, lang: options.lang, extraZones: zones.zones, seatsFor: options.seatsFor });
  const templates = { subject: await loadTemplate(dir, options.lang, 'subject'), body: await loadTemplate(dir, options.lang, options.format) };
  return { ...renderAnnouncement(view, templates, options.format), view, missing };
}

/** A temp copy of the example workspace with one circle file changed by `edit` (plain text replace). */
export function editedWorkspace(edits: Record<string, (text: string) => string>): string {
  const dir = exampleWorkspace();
  for (const [name, edit] of Object.entries(edits)) {
    const file = join(dir, 'circles', name);
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
  }
  return dir;
}

/** Copies a bundled template into a workspace's templates/ folder, changed by `edit`. */
export function overrideTemplate(dir: string, name: string, edit: (text: string) => string): string {
  const folder = join(dir, 'templates', 'announce');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, name);
  cpSync(join(ROOT, 'templates', 'announce', name), file);
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return file;
}
