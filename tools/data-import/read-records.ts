/**
 * Reads import records from CSV, JSON (an array) or JSON Lines, validates every row, and
 * reports each bad row with its line number instead of stopping at the first one.
 *
 * CSV: a header row; columns are record fields (`kind`, `login`, `oktaUserId`, `hash`,
 * `namespace`, `externalId`, `codeSet`, `code`, `value`). User attributes go in columns named
 * `attributes.<name>` (text) or in one `attributes` column holding a JSON object (any type).
 * Empty cells are absent fields.
 */
import { extname } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { describePayloadIssues } from '../../lambdas/shared/okta/payload-issues';
import { importRecordSchema, tableItemOf, type ImportRecord } from '../../lambdas/shared/stores/records';

export type FileFormat = 'csv' | 'json' | 'jsonl';

export interface GoodRow {
  line: number;
  record: ImportRecord;
}

export interface BadRow {
  line: number;
  problems: string[];
}

export interface ReadResult {
  rows: number;
  good: GoodRow[];
  bad: BadRow[];
}

export const formatOf = (file: string): FileFormat => {
  const extension = extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.json') return 'json';
  throw new Error(`cannot tell the format of ${file}: use .csv, .json or .jsonl`);
};

const lineAt = (text: string, offset: number): number => {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
};

/** Offsets where each element of a top-level JSON array starts (the text is valid JSON). */
const arrayElementOffsets = (text: string): number[] => {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index] ?? '';
    if (inString) {
      if (escaped) escaped = false;
      else if (character === '\\') escaped = true;
      else if (character === '"') inString = false;
      continue;
    }
    if (/\s/.test(character)) continue;
    if (depth === 1 && expectElement && character !== ']') {
      offsets.push(index);
      expectElement = false;
    }
    if (character === '"') inString = true;
    else if (character === '[' || character === '{') {
      depth += 1;
      if (depth === 1) expectElement = true;
    } else if (character === ']' || character === '}') depth -= 1;
    else if (character === ',' && depth === 1) expectElement = true;
  }
  return offsets;
};

interface RawRow {
  line: number;
  value?: unknown;
  problem?: string;
}

const csvRows = (text: string): RawRow[] => {
  const parsed = parseCsv<{ record: Record<string, string>; info: { lines: number } }>(text, {
    columns: true,
    info: true,
    skip_empty_lines: true,
    bom: true,
  });
  return parsed.map(({ record, info }) => {
    const fields: Record<string, unknown> = {};
    let attributes: Record<string, unknown> | undefined;
    for (const [column, cell] of Object.entries(record)) {
      if (cell === '') continue;
      if (column === 'attributes') {
        let json: unknown;
        try {
          json = JSON.parse(cell);
        } catch {
          return { line: info.lines, problem: 'attributes: not valid JSON' };
        }
        if (typeof json !== 'object' || json === null || Array.isArray(json)) {
          return { line: info.lines, problem: 'attributes: must be a JSON object' };
        }
        attributes = { ...attributes, ...(json as Record<string, unknown>) };
      } else if (column.startsWith('attributes.')) {
        attributes = { ...attributes, [column.slice('attributes.'.length)]: cell };
      } else {
        fields[column] = cell;
      }
    }
    return { line: info.lines, value: attributes ? { ...fields, attributes } : fields };
  });
};

const jsonLinesRows = (text: string): RawRow[] =>
  text.split('\n').flatMap((content, index): RawRow[] => {
    if (content.trim() === '') return [];
    try {
      return [{ line: index + 1, value: JSON.parse(content) as unknown }];
    } catch {
      return [{ line: index + 1, problem: 'not valid JSON' }];
    }
  });

const jsonArrayRows = (text: string): RawRow[] => {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec(String(error))?.[1];
    throw new Error(`the file is not valid JSON${position ? ` (line ${lineAt(text, Number(position))})` : ''}`, {
      cause: error,
    });
  }
  if (!Array.isArray(document)) throw new Error('a .json file must hold an array of records (or use .jsonl)');
  const offsets = arrayElementOffsets(text);
  return document.map((value: unknown, index) => ({ line: lineAt(text, offsets[index] ?? 0), value }));
};

const recordKinds = ['user', 'credential', 'link', 'code'] as const satisfies readonly ImportRecord['kind'][];

const itemKey = (record: ImportRecord): string => {
  const item = tableItemOf(record);
  return `${String(item.pk)}\u0000${String(item.sk)}`;
};

export const readRecords = (text: string, format: FileFormat): ReadResult => {
  const raw = format === 'csv' ? csvRows(text) : format === 'jsonl' ? jsonLinesRows(text) : jsonArrayRows(text);
  const good: GoodRow[] = [];
  const bad: BadRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (const row of raw) {
    if (row.problem) {
      bad.push({ line: row.line, problems: [row.problem] });
      continue;
    }
    const kind = (row.value as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !(recordKinds as readonly string[]).includes(kind)) {
      bad.push({ line: row.line, problems: [`kind: must be one of ${recordKinds.join(', ')}`] });
      continue;
    }
    const result = importRecordSchema.safeParse(row.value);
    if (!result.success) {
      bad.push({ line: row.line, problems: describePayloadIssues(result.error.issues).map((issue) => `${issue.location}: ${issue.reason}`) });
      continue;
    }
    // Two rows for one item would race in one batch: the first wins, the others are reported.
    const key = itemKey(result.data);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      bad.push({ line: row.line, problems: [`the same item as line ${first}`] });
      continue;
    }
    firstLineOf.set(key, row.line);
    good.push({ line: row.line, record: result.data });
  }
  return { rows: raw.length, good, bad };
};
