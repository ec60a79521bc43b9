/**
 * The public validation sample of a "models" phase: while test.csv is hidden, competitors still need a file in its
 * exact format (EventId, then the model contract's features in order, nothing else) to check that their model reads
 * its input as the server will feed it. It is cut from the start of the training file, so it reveals nothing about
 * the hidden test events; its event ids are the training file's (the labels are there, for checking predictions).
 *
 * Worked example: training "EventId,a,b,Weight,Label\n7,1.5,-999.0,0.3,s\n" with features [b, a] →
 * "EventId,b,a\n7,-999.0,1.5\n" (values copied as written, so nothing is re-rounded).
 */

export const VALIDATION_SAMPLE_FILE = "validation_sample.csv";
export const VALIDATION_SAMPLE_ROWS = 1000;

/** The sample's text from the first lines of a training CSV (a prefix of it is enough); throws when a feature column is missing. */
export function validationSampleCsv(
  trainingPrefix: string,
  features: readonly string[],
  rows = VALIDATION_SAMPLE_ROWS,
): { csv: string; rows: number } {
  const lines = trainingPrefix.split(/\r?\n/);
  const header = lines[0]!.split(",").map((h) => h.trim());
  const idColumn = header.indexOf("EventId");
  const columns = features.map((f) => {
    const at = header.indexOf(f);
    if (at < 0) throw new Error(`the training file has no column ${f}`);
    return at;
  });
  const out = [["EventId", ...features].join(",")];
  // The last line of a prefix may be cut short: only lines followed by a line break are complete.
  for (let i = 1; i < lines.length - 1 && out.length <= rows; i++) {
    if (lines[i] === "") continue;
    const cells = lines[i]!.split(",");
    out.push([idColumn >= 0 ? cells[idColumn] : String(i), ...columns.map((c) => cells[c])].join(","));
  }
  return { csv: `${out.join("\n")}\n`, rows: out.length - 1 };
}
