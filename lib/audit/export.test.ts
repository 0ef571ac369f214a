import { describe, expect, it } from 'vitest';
import { auditCsv, auditFileName, auditJson, neutraliseCell } from './export';
import type { AuditEntry } from '../contracts/audit';

const entry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  time: '2026-12-03T15:04:05.123Z',
  host: 'node-2',
  action: 'interface.connect',
  target: 'microk8s:home',
  sessionId: 'abcdef0123456789',
  clientAddress: '127.0.0.1',
  result: 'ok',
  changeId: '42',
  error: null,
  ...over,
});

/** RFC 4180 reader, enough for these cells: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  const re = /"((?:[^"]|"")*)"(,|\r\n)/g;
  let row: string[] = [];
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = re.exec(text))) {
    if (m.index !== at) throw new Error(`unquoted text at ${at}`);
    at = re.lastIndex;
    row.push(m[1]!.replace(/""/g, '"'));
    if (m[2] === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  if (at !== text.length) throw new Error('trailing text');
  return rows;
}

describe('neutraliseCell', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x")'])('%j gets a leading quote', (v) => {
    expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it.each(['microk8s:home', '2026-12-03T15:04:05Z', '', 'a=b', "it's"])('%j is left alone', (v) => {
    expect(neutraliseCell(v)).toBe(v);
  });
});

describe('auditCsv', () => {
  it('a header and one row per entry, every field quoted, quotes doubled, formulas neutralised', () => {
    const csv = auditCsv([
      entry(),
      entry({ result: 'error', changeId: null, target: '(invalid request)', error: 'snap "x" has no plug named "y"', details: { refused: { plug: '=cmd|calc!A1' } } }),
      entry({ host: undefined, target: '-x', error: '@evil', clientAddress: '+1' }),
    ]);
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['time', 'host', 'action', 'target', 'result', 'changeId', 'error', 'clientAddress', 'sessionId', 'details']);
    expect(rows[1]).toEqual(['2026-12-03T15:04:05.123Z', 'node-2', 'interface.connect', 'microk8s:home', 'ok', '42', '', '127.0.0.1', 'abcdef0123456789', '']);
    expect(rows[2]![6]).toBe('snap "x" has no plug named "y"');
    expect(JSON.parse(rows[2]![9]!)).toEqual({ refused: { plug: '=cmd|calc!A1' } }); // inside JSON, not at a cell's start
    expect(rows[3]!.slice(1, 8)).toEqual(['', 'interface.connect', "'-x", 'ok', '42', "'@evil", "'+1"]);
    expect(rows).toHaveLength(4);
  });
  it('no entries: the header alone', () => {
    expect(parseCsv(auditCsv([]))).toHaveLength(1);
  });
});

describe('auditJson and the file name', () => {
  it('the entries as they are, with the export time', () => {
    const e = [entry({ target: '=1+1' })];
    expect(JSON.parse(auditJson(e, new Date('2026-12-03T16:00:00Z')))).toEqual({ exportedAt: '2026-12-03T16:00:00.000Z', entries: e });
  });
  it('is sortable and has no colons', () => {
    expect(auditFileName('csv', new Date('2026-12-03T15:04:05.678Z'))).toBe('audit-2026-12-03T15-04-05Z.csv');
  });
});
