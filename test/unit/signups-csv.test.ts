import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { Info } from 'luxon';
import { describe, expect, it } from 'vitest';
import { decodeExport } from '../../src/signups/decode.js';
import { detectDelimiter } from '../../src/signups/delimiter.js';
import { neutralise } from '../../src/signups/export-csv.js';
import { mapColumns } from '../../src/signups/headers.js';
import { preferredLanguage } from '../../src/signups/language.js';
import { readExport } from '../../src/signups/read-export.js';
import { matchSessions } from '../../src/signups/sessions.js';
import { timeColumn } from '../../src/signups/timestamps.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/signups/${name}`, import.meta.url));
const GMT = Info.normalizeZone('UTC');
const BOGOTA = Info.normalizeZone('America/Bogota');
const LONDON = Info.normalizeZone('Europe/London');
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
/** When the files are imported: the files sign up in October and November 2019. */
const IMPORTED = '2019-12-01T00:00:00.000Z';

describe('decoding', () => {
  it.each([
    ['UTF-8', Buffer.from('Email\nñ€@x\n'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.from('\uFEFFEmail\nñ€@x\n'), 'utf-8 with BOM'],
    ['Windows-1252 (not valid UTF-8)', iconv.encode('Email\nñ€@x\n', 'windows-1252'), 'windows-1252'],
    ['UTF-16 with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('Email\nñ€@x\n', 'utf-16le')]), 'utf-16le'],
  ])('%s', (_, bytes, encoding) => {
    const decoded = decodeExport(bytes, 'f.csv');
    expect(String(decoded.content)).toBe('Email\nñ€@x\n');
    expect(decoded.encoding).toBe(encoding);
  });

  it.each([
    ['an empty file', Buffer.from(''), 'f.csv is empty'],
    ['a file of blank lines', Buffer.from('\uFEFF\r\n\r\n'), 'f.csv is empty'],
    ['a binary file', Buffer.from([0x00, 0x01, 0x02, 0x41]), 'binary file'],
    ['an Excel workbook', Buffer.from('PK\u0003\u0004rest'), 'Excel workbook (.xlsx)'],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => decodeExport(bytes, 'f.csv')).toThrow(message);
  });

  it('takes --encoding over detection and refuses an unknown one', () => {
    expect(String(decodeExport(iconv.encode('€', 'windows-1252'), 'f.csv', 'latin1').content)).toBe('\u0080');
    expect(() => decodeExport(Buffer.from('x'), 'f.csv', 'klingon')).toThrow('--encoding klingon');
  });
});

describe('delimiter detection', () => {
  it.each([
    ['comma, two lines', 'Email,Name\na@example.org,Ana\n', ','],
    ['semicolon with decimal commas', 'Correo;Nombre;Importe\na@example.org;Ana;12,50\n', ';'],
    ['tab', 'Email\tName\na@example.org\tAna, Sr.\n', '\t'],
    ['a quoted header holding commas', '"What is your email, please?";"Name"\na@example.org;Ana\n', ';'],
    ['header only', 'Email;Name', ';'],
    ['a quoted multi-line header', '"Email\naddress, please"\tName\nx\ty\n', '\t'],
    ['one column', 'Email\na@example.org\n', ','],
  ])('%s', (_, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe('header mapping', () => {
  const columns = (headers: string[], maps: string[] = [], sample: string[][] = []) =>
    Object.fromEntries(Object.entries(mapColumns(headers, maps, sample, 'f.csv').columns).map(([field, index]) => [field, headers[index as number]]));

  it.each([
    ['Google Forms in English', ['Timestamp', 'Email Address', 'Full name', 'Organisation', 'Country', 'Preferred language'], { time: 'Timestamp', email: 'Email Address', name: 'Full name', organisation: 'Organisation', country: 'Country', language: 'Preferred language' }],
    ['Google Forms in Spanish, first and last name', ['Marca temporal', 'Dirección de correo electrónico', 'Nombre', 'Apellidos', 'Organización', 'País'], { time: 'Marca temporal', email: 'Dirección de correo electrónico', first_name: 'Nombre', last_name: 'Apellidos', organisation: 'Organización', country: 'País' }],
    ['a Spanish sheet with one name column', ['Correo electrónico', 'Nombre', 'Idioma'], { email: 'Correo electrónico', name: 'Nombre', language: 'Idioma' }],
    ['Typeform question texts', ['#', "What's your full name?", "What's your email address?", 'Which organisation do you work for?', 'Submit Date (UTC)'], { name: "What's your full name?", email: "What's your email address?", organisation: 'Which organisation do you work for?', time: 'Submit Date (UTC)' }],
    ['Eventbrite', ['Order #', 'Order Date', 'First Name', 'Last Name', 'Email', 'Company'], { time: 'Order Date', first_name: 'First Name', last_name: 'Last Name', email: 'Email', organisation: 'Company' }],
  ])('%s', (_, headers, expected) => {
    expect(columns(headers)).toEqual(expected);
  });

  it('lets --map choose, and --map field= ignore a column', () => {
    expect(columns(['Email', 'Contacto', 'Marca temporal'], ['email=contacto', 'time='])).toEqual({ email: 'Contacto' });
  });

  it('tells two email questions apart by their answers, and refuses two real email columns', () => {
    const headers = ["What's your email?", 'Can we email you news?'];
    expect(columns(headers, [], [['a@example.org', 'Yes']])).toEqual({ email: "What's your email?" });
    expect(() => columns(['Email Address', 'Email'], [], [['a@example.org', 'b@example.org']])).toThrow(
      '2 columns could be the email: "Email Address" (column A) and "Email" (column B)',
    );
  });

  it('without an email column, lists the headers and suggests the --map for the column holding addresses', () => {
    const run = () => mapColumns(['Marca', 'Pregunta 2', 'Pregunta 3'], [], [['x', 'Ana', 'ana@example.org']], 'f.csv');
    expect(run).toThrow('f.csv has no email column; its headers are: "Marca", "Pregunta 2", "Pregunta 3"');
    expect(run).toThrow(
      expect.objectContaining({ failure: { kind: 'input', message: 'f.csv has no email column; its headers are: "Marca", "Pregunta 2", "Pregunta 3"', hint: 'say which column holds the addresses, e.g. --map email="Pregunta 3"' } }),
    );
  });
});

describe('timestamps', () => {
  const read = (values: string[], zone = GMT, dateFormat?: string) => {
    const column = timeColumn(values, { zone, file: 'f.csv', header: 'Timestamp', ...(dateFormat ? { dateFormat } : {}) });
    return { order: column.order, times: values.map((v) => iso(column.read(v))) };
  };

  it.each([
    ['Google Forms, US sheet', ['10/28/2019 9:14:02', '10/29/2019 18:00:00'], 'month-first', '2019-10-28T09:14:02.000Z'],
    ['Google Forms, Spanish sheet', ['28/10/2019 9:14:02', '1/11/2019 8:00:00'], 'day-first', '2019-10-28T09:14:02.000Z'],
    ['Excel with dots', ['28.10.2019 09:14', '01.11.2019 08:00'], 'day-first', '2019-10-28T09:14:00.000Z'],
    ['Microsoft Forms, two-digit year and AM/PM', ['10/28/19 9:14:02 PM', '10/13/19 9:00:00 AM'], 'month-first', '2019-10-28T21:14:02.000Z'],
    ['Spanish p. m.', ['28/10/2019 9:14:02 p. m.', '13/10/2019 9:00:00 a. m.'], 'day-first', '2019-10-28T21:14:02.000Z'],
  ])('%s', (_, values, order, first) => {
    const result = read(values);
    expect(result.order).toBe(order);
    expect(result.times[0]).toBe(first);
  });

  it('reads ISO times with offsets as given, and wall times in the zone', () => {
    expect(read(['2019-10-28 09:14:02-05:00', '2019-10-28T09:14:02Z', '2019-10-28 09:14:02'], BOGOTA).times).toEqual([
      '2019-10-28T14:14:02.000Z',
      '2019-10-28T09:14:02.000Z',
      '2019-10-28T14:14:02.000Z',
    ]);
  });

  it('follows daylight saving time in the zone, taking the earlier of a repeated hour', () => {
    expect(read(['2019-07-01 10:00', '2019-12-01 10:00', '2019-10-27 01:30'], LONDON).times).toEqual([
      '2019-07-01T09:00:00.000Z',
      '2019-12-01T10:00:00.000Z',
      '2019-10-27T00:30:00.000Z',
    ]);
  });

  it('stops when the file cannot tell day-first from month-first, or mixes them', () => {
    expect(() => read(['10/11/2019 9:00', '11/10/2019 9:00'])).toThrow('cannot tell whether the dates in "Timestamp" are day-first or month-first (row 2: "10/11/2019 9:00" reads both ways)');
    expect(() => read(['28/10/2019 9:00', '10/28/2019 9:00'])).toThrow('mix day-first (row 2: "28/10/2019 9:00") and month-first (row 3: "10/28/2019 9:00")');
    expect(read(['10/11/2019 9:00'], GMT, 'day-first').times).toEqual(['2019-11-10T09:00:00.000Z']);
  });

  it('decides the order only from values that are whole dates and times', () => {
    expect(() => read(['28/10/2019 at noon', ' 10/28/2019 9:00', '29/10/2019 9:00'])).toThrow('mix day-first (row 4: "29/10/2019 9:00") and month-first (row 3: " 10/28/2019 9:00")');
    expect(read(['10/11/2019 soon', '10/28/2019 9:00']).order).toBe('month-first');
    // A value of a day already seen is passed over only once that day's reading is known.
    expect(() => read(['28/10/2019 noon', '28/10/2019 9:00', '10/29/2019 9:00'])).toThrow('mix day-first (row 3: "28/10/2019 9:00") and month-first (row 4: "10/29/2019 9:00")');
  });

  it('takes luxon tokens for an odd format, and rejects values that are not dates', () => {
    expect(read(['28 Oct 2019 09:14'], GMT, 'd LLL yyyy HH:mm').times).toEqual(['2019-10-28T09:14:00.000Z']);
    expect(read(['31/02/2019 10:00', 'yesterday', '13/02/2019 10:00']).times).toEqual([undefined, undefined, '2019-02-13T10:00:00.000Z']);
  });

  it('reads luxon tokens in the zone, across a change of daylight saving time', () => {
    expect(read(['26 Oct 2019 10:00', '28 Oct 2019 10:00', 'not a date'], LONDON, 'd LLL yyyy HH:mm').times).toEqual([
      '2019-10-26T09:00:00.000Z',
      '2019-10-28T10:00:00.000Z',
      undefined,
    ]);
  });

  it('knows the last day of every month, leap years included', () => {
    expect(read(['29/02/2020 10:00', '29/02/2019 10:00', '30/04/2019 10:00', '31/04/2019 10:00', '31/12/2019 23:59:59', '2019-06-31 10:00']).times).toEqual([
      '2020-02-29T10:00:00.000Z',
      undefined,
      '2019-04-30T10:00:00.000Z',
      undefined,
      '2019-12-31T23:59:59.000Z',
      undefined,
    ]);
  });
});

describe('answers', () => {
  it.each([
    ['English', 'en'], ['Inglés', 'en'], ['ingles', 'en'], ['en', 'en'], ['Spanish', 'es'], ['Español', 'es'], ['es', 'es'], ['Castellano', 'es'], ['Português', undefined], ['', undefined],
  ])('language %j -> %s', (answer, language) => {
    expect(preferredLanguage(answer)).toBe(language);
  });

  const targets = [
    { id: 'making-a-case', number: 1, titles: ['Making a case for open contracting', 'Cómo defender la contratación abierta'] },
    { id: 'supplier-engagement', number: 2, titles: ['Supplier engagement & increasing SME participation'] },
    { id: 'ocds-field-mapping', number: 4, titles: ['Map your existing system to the OCDS'] },
    { id: 'health', number: 3, titles: ['Health, data and procurement'] },
  ];
  it.each([
    ['Learning Circle #1; Learning Circle #4', ['making-a-case', 'ocds-field-mapping'], []],
    ['Learning Circle #1, Learning Circle #2', ['making-a-case', 'supplier-engagement'], []],
    ['Learning Circle #2: Supplier engagement & increasing SME participation', ['supplier-engagement'], []],
    ['Cómo defender la contratación abierta', ['making-a-case'], []],
    ['Círculo de aprendizaje n.º 1; Círculo de aprendizaje n.º 4', ['making-a-case', 'ocds-field-mapping'], []],
    ['Círculo nº 2, sesión no. 3, N° 4', ['supplier-engagement', 'health', 'ocds-field-mapping'], []],
    ['4', ['ocds-field-mapping'], []],
    ['Health, data and procurement, Learning Circle #4', ['ocds-field-mapping', 'health'], []],
    ['Learning Circle #9, Learning Circle #1', ['making-a-case'], ['Learning Circle #9']],
    ['Mapping, data, and more', [], ['Mapping', 'data', 'and more']],
  ])('sessions %j', (answer, ids, unknown) => {
    expect(matchSessions(answer, targets)).toEqual({ ids, unknown });
  });

  it.each([
    ['=1+1', "'=1+1"], ['+44 20 7946 0000', "'+44 20 7946 0000"], ['-2', "'-2"], ['@SUM(A1)', "'@SUM(A1)"],
    ['  =cmd', "'  =cmd"], ['\u00a0=cmd', "'\u00a0=cmd"], ['\t=1', "'\t=1"], ['\rx', "'\rx"], ['Ana = Bob', 'Ana = Bob'], ['ana@example.org', 'ana@example.org'],
  ])('export cell %j -> %j', (cell, safe) => {
    expect(neutralise(cell)).toBe(safe);
  });
});

describe('reading whole exports', () => {
  it('Google Forms in English: rows checked, with spreadsheet row numbers', () => {
    const file = readExport(fixture('google-forms-en.csv'), { file: 'g.csv', zone: GMT, importedAt: IMPORTED });
    expect(file.problems).toEqual([
      { row: 5, reason: 'invalid email "not-an-address"' },
      { row: 7, reason: 'no email' },
      { row: 8, reason: 'blank row' },
    ]);
    expect(file.rows.map((r) => r.row)).toEqual([2, 3, 4, 6, 9, 10, 11, 12]);
    expect(file.rows[2]).toEqual({
      email: 'sofia.herrera@example.org',
      name: 'Sofía Herrera',
      language: 'es',
      organisation: 'Fundación Datos Claros',
      country: 'Colombia',
      signedUp: '2019-10-28T10:02:13.000Z',
      via: 'import',
      file: 'g.csv',
      row: 4,
    });
    expect(file.rows[4]?.email).toBe('kwame.mensah@example.org');
  });

  it('Google Forms in Spanish: first + last name, a multi-line organisation, day-first dates', () => {
    const file = readExport(fixture('google-forms-es.csv'), { file: 'es.csv', zone: BOGOTA, importedAt: IMPORTED });
    expect(file.dateOrder).toBe('day-first');
    expect(file.rows[0]).toMatchObject({ name: 'Lucía Fernández Ruiz', organisation: 'Red de Contrataciones Abiertas', language: 'es', signedUp: '2019-10-28T14:14:02.000Z' });
    expect(file.rows[1]?.language).toBe('en');
    // The multi-line organisation is one spreadsheet row: Joaquín is on row 6 though on line 7.
    expect(file.rows[4]?.row).toBe(6);
  });

  it('Excel: semicolons, Windows-1252 with € and ñ, CRLF', () => {
    const file = readExport(fixture('excel-semicolon-1252.csv'), { file: 'x.csv', zone: GMT, importedAt: IMPORTED });
    expect(file).toMatchObject({ encoding: 'windows-1252', guessedEncoding: true, delimiter: ';', dateOrder: 'day-first' });
    expect(file.headers[7]).toBe('Aportación (€)');
    expect(file.rows.map((r) => [r.name, r.organisation, r.language])).toEqual([
      ['Begoña Muñoz Ibáñez', 'Asociación Año Nuevo', 'es'],
      ['Íñigo Castaño', 'Cooperativa Niñez y Futuro', 'es'],
      ['Zoë Dupré', 'Collectif Données Ouvertes', 'en'],
    ]);
  });

  it('Typeform: times in UTC as its header says, whatever the zone', () => {
    const file = readExport(fixture('typeform.csv'), { file: 't.csv', zone: BOGOTA, importedAt: IMPORTED });
    expect(file.rows.map((r) => r.signedUp)).toEqual(['2019-10-28T09:01:12.000Z', '2019-10-28T09:12:30.000Z', '2019-10-29T00:05:00.000Z']);
    expect(file.rows[0]).toMatchObject({ name: 'Hana Takahashi', email: 'hana.takahashi@example.org', organisation: 'Kobe Open Government', country: 'Japan' });
  });

  it('Eventbrite: first and last name, order dates with offsets', () => {
    const file = readExport(fixture('eventbrite.csv'), { file: 'e.csv', zone: GMT, importedAt: IMPORTED });
    expect(file.rows[0]).toMatchObject({ name: 'Grace Mwangi', email: 'grace.mwangi@example.org', organisation: 'Nairobi County Treasury', signedUp: '2019-10-28T14:14:02.000Z' });
  });

  it('reads UTF-8 the same with or without marks, an Excel sep= line or CRLF', () => {
    const text = '"Email",Nombre\nana@example.org,Ana Muñoz\n';
    for (const variant of [text, `\uFEFF${text}`, `\uFEFF\uFEFF${text}`, `sep=,\n${text}`, `\uFEFFsep=,\r\n${text.replace(/\n/g, '\r\n')}`]) {
      const file = readExport(Buffer.from(variant), { file: 'f.csv', zone: GMT, importedAt: IMPORTED });
      expect(file).toMatchObject({ headers: ['Email', 'Nombre'], rows: [{ row: 2, email: 'ana@example.org', name: 'Ana Muñoz' }] });
    }
  });

  it.each([
    ['CRLF throughout', 'Email,Name,Sessions\r\nana@example.org,Ana,"#1\r\n#2"\r\nbo@example.org,Bo,#3\r\n'],
    ['CRLF rows with LF inside a quoted cell (Google Sheets)', 'Email,Name,Sessions\r\nana@example.org,Ana,"#1\n#2"\r\nbo@example.org,Bo,#3\r\n'],
    ['LF rows after a CRLF header (a hand edit)', 'Email,Name,Sessions\r\nana@example.org,Ana,"#1\n#2"\nbo@example.org,Bo,#3\n'],
    ['old Mac CR line ends', 'Email,Name,Sessions\rana@example.org,Ana,"#1\r#2"\rbo@example.org,Bo,#3\r'],
  ])('reads every row of a file with %s', (_, text) => {
    const file = readExport(Buffer.from(text), { file: 'f.csv', zone: GMT, importedAt: IMPORTED, sessionColumn: 'Sessions' });
    expect(file.problems).toEqual([]);
    expect(file.rows.map((r) => [r.row, r.email, r.name, r.sessions?.split(/\r?\n/)])).toEqual([
      [2, 'ana@example.org', 'Ana', ['#1', '#2']],
      [3, 'bo@example.org', 'Bo', ['#3']],
    ]);
  });

  it('a tiny tab-separated file with CRLF and no timestamp column', () => {
    const file = readExport(Buffer.from('Name\tEmail\r\nAna García\tana@example.org\r\n'), { file: 'walk.tsv', zone: GMT, importedAt: IMPORTED });
    expect(file).toMatchObject({ delimiter: '\t', timed: false, rows: [{ row: 2, untimed: true, name: 'Ana García', email: 'ana@example.org' }] });
  });

  it('stops on an unknown timestamp format, pointing at --date-format', () => {
    expect(() => readExport(Buffer.from('Timestamp,Email\nOct 28th,a@example.org\n'), { file: 'f.csv', zone: GMT, importedAt: IMPORTED })).toThrow(
      'f.csv: no value in "Timestamp" (column A) is a date and time I can read, e.g. "Oct 28th"',
    );
  });
});
