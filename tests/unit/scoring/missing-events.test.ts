/** A truncated file: the missing events are one counted problem naming the first 20, not a line per event. */
import { expect, it } from "vitest";
import { SubmissionFormatError } from "@/scoring/parsing/errors";
import { solutionFromColumns } from "@/scoring/solution";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseHiggsSubmission } from "@/scoring/parsing/submission-higgs";
import { encode } from "./helpers";

const N = 5500;
const ids = Array.from({ length: N }, (_, i) => 100_000 + i);
const index = createSolutionIndex(
  solutionFromColumns({ ids, labels: ids.map((_, i) => i % 2), weights: ids.map(() => 1), usage: ids.map((_, i) => 1 + (i % 2)) }),
);

it("summarises 1,000 missing events with the count and the first 20 EventIds", async () => {
  const kept = ids.slice(0, N - 1000);
  const text = ["EventId,RankOrder,Class", ...kept.map((id, i) => `${id},${i + 1},b`)].join("\n") + "\n";
  const error = await parseHiggsSubmission(encode(text), index).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SubmissionFormatError);
  const e = error as SubmissionFormatError;
  const first20 = ids
    .slice(N - 1000, N - 980)
    .map((id) => `"${id}"`)
    .join(", ");
  expect(e.problems).toEqual([{ line: null, message: `1,000 of 5,500 events are missing; the first 20: EventIds ${first20}` }]);
  // The whole message a competitor reads is two lines, not a thousand.
  expect(e.message.split("\n")).toHaveLength(2);
  expect(e.message).toContain("1,000 of 5,500 events are missing");
});
