import { Document, Scalar } from 'yaml';
import { circleSchema, seriesSchema, type CircleInput } from './schema.js';

export const CIRCLE_SCHEMA_FILE = 'circle.schema.json';
export const SERIES_SCHEMA_FILE = 'series.schema.json';

/** Keys in the documented order (the schema's), empty values left out. */
function ordered(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const field = value[key];
    if (field === undefined || (Array.isArray(field) && field.length === 0 && key !== 'topics')) continue;
    result[key] = field;
  }
  return result;
}

function render(value: Record<string, unknown>, schemaFile: string, blockFields: readonly string[]): string {
  const doc = new Document(value);
  // The editor line lets yaml-language-server check the file as it is typed.
  doc.commentBefore = ` yaml-language-server: $schema=../schema/${schemaFile}`;
  for (const path of blockFields) {
    const node = doc.getIn(path.split('.'), true);
    if (node instanceof Scalar && typeof node.value === 'string') node.type = Scalar.BLOCK_LITERAL;
  }
  return doc.toString({ lineWidth: 0 });
}

export function renderCircleYaml(circle: CircleInput): string {
  const value = ordered(circle as Record<string, unknown>, Object.keys(circleSchema.shape));
  return render(value, CIRCLE_SCHEMA_FILE, ['summary', 'translations.en.summary', 'translations.es.summary']);
}

export function renderSeriesYaml(series: Record<string, unknown>): string {
  const value = ordered(series, Object.keys(seriesSchema.shape));
  return render(value, SERIES_SCHEMA_FILE, ['introduction.en', 'introduction.es']);
}
