import { refused } from '../failure.js';
import { folded } from '../model/slug.js';

/*
 * Which column holds what. Forms name their columns in the form's language (Google Forms,
 * Microsoft Forms, Eventbrite) or after the question text (Typeform), so a column is found by
 * its usual headers in English and Spanish, then by a word in the question; `--map` overrides.
 */

const FIELDS = ['email', 'name', 'first_name', 'last_name', 'time', 'language', 'organisation', 'country'] as const;
export type Field = (typeof FIELDS)[number];
const ALIASES: Record<string, Field> = { timestamp: 'time', organization: 'organisation', firstname: 'first_name', lastname: 'last_name', surname: 'last_name' };

export interface ColumnMap {
  columns: Partial<Record<Field, number>>;
  /** The timestamp header says its times are UTC (Typeform's "Submit Date (UTC)"). */
  timeIsUtc: boolean;
}

/** Lower case, no accents, words separated by single spaces: "¿Correo electrónico?" -> "correo electronico". */
export function normalizeHeader(header: string): string {
  return folded(header).replace(/[^a-z0-9]+/g, ' ').trim();
}

const EXACT: Record<Field, string[]> = {
  email: ['email address', 'email', 'e mail', 'e mail address', 'correo electronico', 'direccion de correo electronico', 'correo', 'direccion de correo', 'your email', 'email adress'],
  name: ['full name', 'name', 'nombre', 'nombre completo', 'your name', 'nombre y apellido', 'nombre y apellidos', 'attendee name'],
  first_name: ['first name', 'given name', 'nombres', 'primer nombre', 'attendee first name'],
  last_name: ['last name', 'surname', 'family name', 'apellido', 'apellidos', 'attendee last name'],
  time: ['timestamp', 'marca temporal', 'hora', 'fecha y hora', 'submitted at', 'submit date utc', 'submit date', 'order date', 'completion time', 'hora de finalizacion', 'fecha de envio', 'signup date', 'fecha de inscripcion', 'date', 'fecha'],
  language: ['preferred language', 'language', 'idioma', 'idioma preferido', 'lengua', 'lengua preferida'],
  organisation: ['organisation', 'organization', 'organizacion', 'company', 'empresa', 'institution', 'institucion', 'entidad', 'organisation name', 'organization name', 'affiliation'],
  country: ['country', 'pais', 'country of residence', 'pais de residencia'],
};

// A word of the question, for Typeform-style headers; checked in this order when one header fits several.
const WORDS: Array<[Field, RegExp, RegExp?]> = [
  ['email', /\b(e ?mail|correo)\b/],
  ['organisation', /\b(organi[sz]ation|organizacion|company|empresa|institution|institucion|entidad)\b/],
  ['country', /\b(country|pais)\b/],
  ['language', /\b(language|idioma|lengua)\b/],
  ['name', /\b(name|nombre)\b/, /\b(first|last|surname|apellidos?|user ?name|file)\b/],
];

const column = (index: number): string => {
  let label = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) label = String.fromCharCode(65 + ((n - 1) % 26)) + label;
  return label;
};
export const describeColumn = (headers: readonly string[], index: number) => `"${headers[index]}" (column ${column(index)})`;

/** The column of a header the user named (exactly, or as normalizeHeader reads it), or a usage error listing the headers. */
export function findHeader(headers: readonly string[], wanted: string, flag: string): number {
  let index = headers.indexOf(wanted);
  if (index < 0) index = headers.findIndex((h) => normalizeHeader(h) === normalizeHeader(wanted));
  if (index < 0) throw refused('usage', `${flag}: no column "${wanted}" in the file`, `the headers are: ${headers.map((h) => `"${h}"`).join(', ')}`);
  return index;
}

/** `email=Correo` -> [email, "Correo"]. */
function parseMapOption(option: string): [Field, string] {
  const at = option.indexOf('=');
  const key = at < 0 ? option : option.slice(0, at).trim().toLowerCase().replace(/-/g, '_');
  const field = ALIASES[key] ?? (FIELDS as readonly string[]).find((f) => f === key);
  if (at < 0 || !field) throw refused('usage', `--map ${option}: expected field=Header`, `fields: ${FIELDS.join(', ')}; e.g. --map email="Correo de contacto"`);
  return [field as Field, option.slice(at + 1).trim()];
}

/** Finds the columns; `sample` rows help only to tell which of several email columns holds addresses. */
export function mapColumns(headers: readonly string[], maps: readonly string[], sample: readonly string[][], file: string): ColumnMap {
  const columns: Partial<Record<Field, number>> = {};
  const given = new Set<Field>();
  const taken = new Set<number>();
  for (const option of maps) {
    const [field, header] = parseMapOption(option);
    given.add(field);
    if (header === '') continue;
    const index = findHeader(headers, header, `--map ${field}`);
    columns[field] = index;
    taken.add(index);
  }
  const normalized = headers.map(normalizeHeader);
  const hasLastName = normalized.some((h, i) => !taken.has(i) && EXACT.last_name.includes(h));
  const exact = (field: Field) =>
    normalized.flatMap((h, i) => {
      if (taken.has(i)) return [];
      // With an "Apellidos" column, "Nombre" is the first name.
      if (h === 'nombre') return (hasLastName ? field === 'first_name' : field === 'name') ? [i] : [];
      // "Timestamp (UTC)", "Hora (UTC)": the zone is read from the header, the column is the time.
      return EXACT[field].includes(field === 'time' ? h.replace(ZONE_WORD, ' ').trim() : h) ? [i] : [];
    });
  const claimed = new Set(FIELDS.flatMap((field) => exact(field)));
  const byWord = new Map<Field, number[]>();
  normalized.forEach((h, i) => {
    if (taken.has(i) || claimed.has(i)) return;
    const hit = WORDS.find(([, word, unless]) => word.test(h) && !unless?.test(h));
    if (hit) byWord.set(hit[0], [...(byWord.get(hit[0]) ?? []), i]);
  });
  for (const field of FIELDS) {
    if (given.has(field)) continue;
    let candidates = exact(field);
    if (candidates.length === 0) candidates = byWord.get(field) ?? [];
    if (field === 'email' && candidates.length > 1) {
      const holdingAddresses = candidates.filter((i) => looksLikeEmails(sample, i));
      if (holdingAddresses.length === 1) candidates = holdingAddresses;
    }
    // Microsoft Forms adds a respondent "Name" column, empty for anonymous forms, next to the form's own question.
    if (candidates.length > 1) {
      const answered = candidates.filter((i) => sample.some((row) => (row[i] ?? '').trim() !== ''));
      if (answered.length === 1) candidates = answered;
    }
    if (candidates.length > 1) {
      throw refused('input',
        `${file}: ${candidates.length} columns could be the ${field.replace('_', ' ')}: ${candidates.map((i) => describeColumn(headers, i)).join(' and ')}`,
        `say which one with --map ${field}="${headers[candidates[0] ?? 0]}"`,
      );
    }
    if (candidates[0] !== undefined) columns[field] = candidates[0];
  }
  if (columns.email === undefined) {
    const likely = headers.findIndex((_, i) => looksLikeEmails(sample, i));
    throw refused('input',
      `${file} has no email column; its headers are: ${headers.map((h) => `"${h}"`).join(', ')}`,
      likely >= 0 ? `say which column holds the addresses, e.g. --map email="${headers[likely]}"` : 'no column holds email addresses in its first rows: check that this is the right export, or name the column with --map email="<header>"',
    );
  }
  checkEmailValues(headers, columns.email, sample, file);
  const time = columns.time;
  return { columns, timeIsUtc: time !== undefined && timeHeaderSaysUtc(headers[time] ?? '') };
}

const ZONE_WORD = /\b(utc|gmt)\b/g;

/** The time header names UTC ("Submit Date (UTC)", "Hora (UTC)"): its times are read as UTC, whatever the circle's zone. */
export const timeHeaderSaysUtc = (header: string): boolean => /\b(utc|gmt)\b/.test(normalizeHeader(header));

/**
 * Stops when most values of the email column are not addresses: the column is the wrong one (a
 * Microsoft Forms respondent column full of "anonymous"), and every row would be rejected.
 */
function checkEmailValues(headers: readonly string[], index: number, sample: readonly string[][], file: string): void {
  const values = sample.map((row) => (row[index] ?? '').trim()).filter(Boolean);
  const notAddresses = values.filter((v) => !ADDRESS.test(v));
  if (notAddresses.length * 2 <= values.length) return;
  const better = headers.findIndex((_, i) => i !== index && looksLikeEmails(sample, i));
  throw refused('input',
    `${file}: most values in the email column ${describeColumn(headers, index)} are not addresses (${notAddresses.length} of ${values.length}, e.g. ${JSON.stringify(notAddresses[0])}), so every such row would be rejected`,
    better >= 0
      ? `the addresses seem to be in ${describeColumn(headers, better)}: import with --map email="${headers[better]}"`
      : `no column holds addresses; say which one does with --map email="<header>" (headers: ${headers.map((h) => `"${h}"`).join(', ')})`,
  );
}

const ADDRESS = /^[^@\s]+@[^@\s]+$/;

function looksLikeEmails(sample: readonly string[][], index: number): boolean {
  const values = sample.map((row) => (row[index] ?? '').trim()).filter(Boolean);
  return values.length > 0 && values.filter((v) => ADDRESS.test(v)).length * 2 > values.length;
}
