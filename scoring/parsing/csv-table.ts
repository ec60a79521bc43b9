/**
 * The part every file format shares: a header whose names are matched exactly (case-insensitive, any order),
 * rows with exactly the header's number of fields, and clear messages for empty or header-only files.
 */
import type { ByteSource } from "./byte-source";
import { readCsvRecords, fieldText, type CsvReadOptions, type CsvRecord, type FastRows } from "./csv-reader";
import type { ProblemCollector } from "./errors";

const MAX_QUOTED = 40;

/** A field value for an error message, shortened so a 1 MB field does not become a 1 MB message. */
export function quoteValue(rec: CsvRecord, k: number): string {
  const text = fieldText(rec, k);
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

/** Columns a file may have besides the required ones, and a check of the resolved header (e.g. "Label or Class"). */
export interface HeaderOptions {
  /** Allowed but not required; their entries in `columns` (after the required ones, in this order) are −1 when absent. */
  optional?: readonly string[];
  /** Called with the resolved columns; problems it adds to the collector stop the read like header problems. */
  check?: (columns: Int32Array, line: number) => void;
}

function resolveColumns(rec: CsvRecord, expected: readonly string[], problems: ProblemCollector, header: HeaderOptions): Int32Array {
  const optional = header.optional ?? [];
  const all = [...expected, ...optional];
  const columns = new Int32Array(all.length).fill(-1);
  const wanted = all.map((name) => name.toLowerCase());
  // The expected list is long for wide files (35 columns): say it once, on the first header problem.
  let listed = false;
  const optionalList = optional.length ? `, optionally ${optional.join(",")}` : "";
  const expectedList = () => (listed ? "" : ((listed = true), ` (expected ${expected.join(",")}${optionalList})`));
  for (let k = 0; k < rec.count; k++) {
    const name = fieldText(rec, k);
    const at = wanted.indexOf(name.toLowerCase());
    if (at < 0) problems.add(rec.line, `unexpected column ${JSON.stringify(name)} in the header${expectedList()}`);
    else if (columns[at]! >= 0) problems.add(rec.line, `column ${JSON.stringify(name)} appears twice in the header`);
    else columns[at] = k;
  }
  expected.forEach((name, at) => {
    if (columns[at]! < 0) problems.add(rec.line, `missing column ${JSON.stringify(name)} in the header${expectedList()}`);
  });
  if (problems.total === 0) header.check?.(columns, rec.line);
  // Without a usable header no row can be interpreted, so stop here.
  problems.throwIfAny();
  return columns;
}

/**
 * Reads a CSV with the given header; `onRow(rec, columns)` gets each data row with exactly the header's number
 * of fields, where columns[j] is the field index of expected[j] (then of header.optional[j − expected.length], −1
 * when absent). Returns the number of data rows seen.
 * `fastRows(columns, width)`, called once the header is known, may supply FastRows for clean rows: they must have
 * the same effect as onRow on the rows they accept (and leave the others to onRow).
 */
export async function readTable(
  src: ByteSource,
  expected: readonly string[],
  problems: ProblemCollector,
  onRow: (rec: CsvRecord, columns: Int32Array) => void,
  opts: CsvReadOptions = {},
  fastRows?: (columns: Int32Array, width: number) => FastRows | null,
  header: HeaderOptions = {},
): Promise<number> {
  let columns: Int32Array | null = null;
  let width = 0;
  const records = await readCsvRecords(
    src,
    problems,
    (rec, control) => {
      if (columns === null) {
        columns = resolveColumns(rec, expected, problems, header);
        width = rec.count;
        const fast = fastRows?.(columns, width);
        if (fast) control.useFastRows(fast);
        return;
      }
      if (rec.malformed !== null) problems.add(rec.line, rec.malformed);
      else if (rec.count !== width) problems.add(rec.line, `expected ${width} fields, found ${rec.count}`);
      else onRow(rec, columns);
    },
    opts,
  );
  if (records === 0) problems.fatal(null, `the file is empty (expected the header ${expected.join(",")})`);
  // Every non-blank record after the header is a row, whichever path read it.
  const rows = records - 1;
  if (rows === 0) problems.fatal(null, "the file has a header but no rows");
  return rows;
}
