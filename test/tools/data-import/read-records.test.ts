import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatOf, readRecords } from '../../../tools/data-import/read-records';

const mixedCsv = readFileSync(path.join(__dirname, '../../fixtures/import/mixed.csv'), 'utf8');

describe('reading import files', () => {
  it('keeps the good CSV rows and names every bad one by line', () => {
    const result = readRecords(mixedCsv, 'csv');
    expect(result.rows).toBe(10);
    expect(result.good.map((row) => row.line)).toEqual([2, 4, 5, 7, 9]);
    expect(result.bad).toEqual([
      { line: 3, problems: ['login: expected string'] },
      { line: 6, problems: ['kind: must be one of user, credential, link, code'] },
      { line: 8, problems: ['oktaUserId: expected string'] },
      { line: 10, problems: ['attributes: not valid JSON'] },
      { line: 11, problems: ['the same item as line 2'] },
    ]);
  });

  it('builds user attributes from attributes.* columns and the JSON attributes column', () => {
    const result = readRecords(mixedCsv, 'csv');
    expect(result.good[0]?.record).toEqual({
      kind: 'user',
      login: 'alice@example.com',
      oktaUserId: '00u5alice0000000a1b2',
      attributes: { patient_id: 'P-000123', department: 'Cardiology' },
    });
    expect(result.good[1]?.record).toEqual({
      kind: 'user',
      login: 'bob@example.com',
      attributes: { department: 'Finance', manager: 'carol@example.com', level: 3 },
    });
  });

  it('gives the line each element of a JSON array starts on', () => {
    const text = [
      '[',
      '  {"kind": "code", "codeSet": "department", "code": "FIN", "value": "Finance"},',
      '  {',
      '    "kind": "user",',
      '    "attributes": {"note": "has a \\"quoted\\" ] bracket, too"}',
      '  },',
      '  {"kind": "credential", "login": "carol@example.com", "hash": "x"}',
      ']',
    ].join('\n');
    const result = readRecords(text, 'json');
    expect(result.good.map((row) => row.line)).toEqual([2, 7]);
    expect(result.bad).toEqual([{ line: 3, problems: ['login: expected string'] }]);
  });

  it('reads JSON Lines, reporting lines that are not JSON', () => {
    const text = '{"kind":"code","codeSet":"a","code":"b","value":"c"}\n\n{"kind":"code",\n{"kind":"link","namespace":"n","externalId":"e","oktaUserId":"u","extra":1}\n';
    const result = readRecords(text, 'jsonl');
    expect(result.good.map((row) => row.line)).toEqual([1]);
    expect(result.bad).toEqual([
      { line: 3, problems: ['not valid JSON'] },
      { line: 4, problems: ['(body): unknown field(s) "extra"'] },
    ]);
  });

  it('refuses a JSON file that is not an array, or not JSON', () => {
    expect(() => readRecords('{"kind":"user"}', 'json')).toThrow('array');
    expect(() => readRecords('[\n{"kind":\n', 'json')).toThrow('not valid JSON');
  });

  it('tells the format from the extension', () => {
    expect([formatOf('a.csv'), formatOf('b.JSON'), formatOf('c.jsonl'), formatOf('d.ndjson')]).toEqual(['csv', 'json', 'jsonl', 'jsonl']);
    expect(() => formatOf('e.xlsx')).toThrow('.csv, .json or .jsonl');
  });
});
