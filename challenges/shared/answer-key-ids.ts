/**
 * A test file's events against its answer key's: competitors predict the test file's events, and the key must score
 * exactly those. One reader and one check for every path that stores a key beside a test file (an organiser's
 * tabular upload, a challenge bundle), so both accept the same files and say the same things.
 *
 * Example: test.csv "EventId,x / 1,0.5 / 4,0.7 / 1,0.9" against a key of ids 1, 2 reports
 *   test line 3: EventId "4" has no row in solution.csv
 *   test line 4: EventId "1" appears twice (first on line 2)
 *   key line 3: EventId "2" is not in test.csv
 */
import type { ByteSource } from "../../scoring/parsing/byte-source";
import { fieldText, readCsvRecords } from "../../scoring/parsing/csv-reader";
import type { ProblemCollector } from "../../scoring/parsing/errors";

export interface CsvTable {
  header: string[];
  /** Data rows below the header. */
  rows: number;
  /** The id column's values and their lines (1-based; the header is line 1); empty when no id column was asked for. */
  ids: string[];
  idLines: number[];
}

/**
 * A CSV file's header and rows (quoted fields and CRLF as scoring/parsing/csv-reader.ts reads them), with the values of
 * column `idColumn` (any case) when given. Every row with the wrong number of fields is a problem; throws the
 * collector's error when there is any.
 */
export async function readCsvTable(src: ByteSource, problems: ProblemCollector, idColumn?: string, maxBytes?: number): Promise<CsvTable> {
  const table: CsvTable = { header: [], rows: 0, ids: [], idLines: [] };
  let column = -1;
  let width = 0;
  const records = await readCsvRecords(
    src,
    problems,
    (rec) => {
      if (width === 0) {
        table.header = Array.from({ length: rec.count }, (_, k) => fieldText(rec, k));
        width = rec.count;
        column = idColumn === undefined ? -1 : table.header.findIndex((h) => h.toLowerCase() === idColumn.toLowerCase());
        if (idColumn !== undefined && column < 0) {
          problems.fatal(
            rec.line,
            `the header has no ${idColumn} column (found ${table.header.slice(0, 8).join(",")}${width > 8 ? ",…" : ""})`,
          );
        }
        return;
      }
      if (rec.malformed !== null) problems.add(rec.line, rec.malformed);
      else if (rec.count !== width) problems.add(rec.line, `expected ${width} fields, found ${rec.count}`);
      else if (column >= 0) {
        table.ids.push(fieldText(rec, column));
        table.idLines.push(rec.line);
      }
      table.rows++;
    },
    maxBytes === undefined ? {} : { maxBytes },
  );
  if (records === 0) problems.fatal(null, "the file is empty");
  if (table.rows === 0) problems.fatal(null, "the file has a header but no rows");
  problems.throwIfAny();
  return table;
}

/** The key's ids in row order, and the file line of each row where known. */
export interface KeyIds {
  readonly length: number;
  at(row: number): string;
  line(row: number): number | null;
}

/** "007" and "7" are one event: the key stores ids as numbers. */
const sameEvent = (id: string) => (/^\d{1,15}$/.test(id) ? String(Number(id)) : id);

/**
 * Reports each test id that repeats or has no key row, and each key id missing from the test file, through
 * `add(side, line, message)`; `names` are the two files as messages call them.
 */
export function checkKeyIdsAgainstTest(
  key: KeyIds,
  test: CsvTable,
  names: { key: string; test: string },
  add: (side: "key" | "test", line: number | null, message: string) => void,
): void {
  const keyRows = new Set<string>();
  for (let row = 0; row < key.length; row++) keyRows.add(sameEvent(key.at(row)));
  const testLine = new Map<string, number>();
  test.ids.forEach((id, k) => {
    const line = test.idLines[k]!;
    const event = sameEvent(id);
    const first = testLine.get(event);
    if (first !== undefined) add("test", line, `EventId ${JSON.stringify(id)} appears twice (first on line ${first})`);
    else testLine.set(event, line);
    if (!keyRows.has(event)) add("test", line, `EventId ${JSON.stringify(id)} has no row in ${names.key}`);
  });
  for (let row = 0; row < key.length; row++) {
    if (!testLine.has(sameEvent(key.at(row)))) add("key", key.line(row), `EventId ${JSON.stringify(key.at(row))} is not in ${names.test}`);
  }
}
