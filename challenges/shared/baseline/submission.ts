/**
 * Kaggle's HiggsML submission from scores: `EventId,RankOrder,Class`, RankOrder a permutation of 1..N with N the
 * most signal-like event, Class "s" for the events at or above the threshold chosen on validation.
 *
 * Worked example: ids [10, 11, 12], scores [0.2, 0.9, 0.5], threshold 0.5 →
 *   EventId,RankOrder,Class / 10,1,b / 11,3,s / 12,2,s
 * Equal scores get consecutive ranks in EventId-row order, so the file is a function of the scores alone.
 */
export function rankOrder(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]! || a - b);
  const ranks = new Int32Array(scores.length);
  order.forEach((row, k) => {
    ranks[row] = k + 1;
  });
  return ranks;
}

/** The submission as CSV text (about 20 bytes per event). */
export function kaggleSubmission(eventIds: ArrayLike<number>, scores: ArrayLike<number>, threshold: number): string {
  if (eventIds.length !== scores.length) throw new RangeError(`${eventIds.length} event ids for ${scores.length} scores`);
  const ranks = rankOrder(scores);
  const lines = new Array<string>(scores.length + 1);
  lines[0] = "EventId,RankOrder,Class";
  for (let i = 0; i < scores.length; i++) lines[i + 1] = `${eventIds[i]},${ranks[i]},${scores[i]! >= threshold ? "s" : "b"}`;
  return `${lines.join("\n")}\n`;
}
