/**
 * Checks of a training set before any training: problems a user can fix in their data, reported all at once as
 * plain sentences (the CLI prints them and exits with status 2).
 *
 * Worked example: labels [1, 1], weights [1, 0], one feature "x" = [0.5, NaN] → [
 *   "the training events are all signal; a classifier needs both classes",
 *   "x is not a finite number in 1 event (first at row 2)",
 *   "1 event has a weight that is not a positive finite number (first at row 2)" ].
 */
export function trainingProblems(
  label: Uint8Array,
  weight: ArrayLike<number>,
  columns: { names: readonly string[]; values: ArrayLike<number>[] },
): string[] {
  const n = label.length;
  if (n === 0) return ["there are no training events"];
  const problems: string[] = [];
  let signal = 0;
  for (const l of label) signal += l ? 1 : 0;
  if (signal === 0 || signal === n)
    problems.push(`the training events are all ${signal === 0 ? "background" : "signal"}; a classifier needs both classes`);
  const count = (bad: (i: number) => boolean): { count: number; first: number } => {
    let c = 0;
    let first = -1;
    for (let i = 0; i < n; i++) {
      if (!bad(i)) continue;
      if (c++ === 0) first = i;
    }
    return { count: c, first };
  };
  const events = (k: number) => `${k} event${k === 1 ? "" : "s"}`;
  columns.values.forEach((values, f) => {
    const bad = count((i) => !Number.isFinite(values[i]));
    if (bad.count > 0) problems.push(`${columns.names[f]} is not a finite number in ${events(bad.count)} (first at row ${bad.first + 1})`);
  });
  const badWeight = count((i) => !(Number.isFinite(weight[i]) && weight[i]! > 0));
  if (badWeight.count > 0) {
    problems.push(
      `${events(badWeight.count)} ${badWeight.count === 1 ? "has" : "have"} a weight that is not a positive finite number (first at row ${badWeight.first + 1})`,
    );
  }
  return problems;
}
