/** The fast row parsers and the generic path together: same values, and problems on the right lines. */
import { describe, expect, it } from "vitest";
import { SubmissionFormatError, type FormatProblem } from "@/scoring/parsing/errors";
import { solutionFromColumns } from "@/scoring/solution";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseHiggsSubmission } from "@/scoring/parsing/submission-higgs";
import { parseScoreSubmission } from "@/scoring/parsing/submission-scores";
import { chunked, encode } from "./helpers";

const n = 6;
const solution = solutionFromColumns({
  ids: [10, 11, 12, 13, 14, 15],
  labels: [1, 0, 1, 0, 1, 0],
  weights: [1, 1, 1, 1, 1, 1],
  usage: [1, 2, 1, 2, 1, 2],
});
const index = createSolutionIndex(solution);

async function problems(parse: Promise<unknown>): Promise<FormatProblem[]> {
  const error = await parse.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SubmissionFormatError);
  return (error as SubmissionFormatError).problems;
}

describe("score submissions through fast and generic rows", () => {
  // Fast rows, a row in exponent form, a quoted row, a blank line and CRLF: every path once.
  const text = 'EventId,score\n12,0.25\n10,1e-3\r\n"11",0.5\n\n15,-0\n13,0.123456789012345678\n14,7\n';
  // eslint-disable-next-line no-loss-of-precision -- the row as written in the file, rounded as JavaScript rounds it
  const expected = [1e-3, 0.5, 0.25, 0.123456789012345678, 7, -0];

  it("gives the same scores whatever the chunking", async () => {
    for (const size of [1, 3, 7, 1000]) {
      const { scores } = await parseScoreSubmission(chunked(encode(text), size), index);
      expect([...scores].map((v) => (Object.is(v, -0) ? "-0" : v))).toEqual(expected.map((v) => (Object.is(v, -0) ? "-0" : v)));
    }
  });

  it("words repeated and missing ids with their lines after blank and multi-line records", async () => {
    const bad = 'EventId,score\n10,0.1\n"11\n",0.2\n\n12,0.3\n10,0.4\n13,0.5\n14,0.6\n';
    for (const size of [2, 1000]) {
      expect(await problems(parseScoreSubmission(chunked(encode(bad), size), index))).toEqual([
        { line: 3, message: 'unknown EventId "11\\n"' },
        { line: 7, message: 'EventId "10" appears again (first on line 2)' },
        { line: null, message: '2 of 6 events are missing: EventIds "11", "15"' },
      ]);
    }
  });

  it("leaves a row with an extra field to the generic path, which reports it", async () => {
    const bad = "EventId,score\n10,0.1\n11,0.2,9\n12,0.3\n13,0.4\n14,0.5\n15,0.6\n";
    expect(await problems(parseScoreSubmission(encode(bad), index))).toEqual([
      { line: 3, message: "expected 2 fields, found 3" },
      { line: null, message: '1 of 6 events is missing: EventId "11"' },
    ]);
  });
});

describe("HiggsML submissions through fast and generic rows", () => {
  it("reports a repeated rank on the lines of both records, after a blank line", async () => {
    const bad = "EventId,RankOrder,Class\n10,1,s\n11,2,b\n\n12,3,S\n13,2,b\n14,5,b\n15,6,s\n";
    expect(await problems(parseHiggsSubmission(encode(bad), index))).toEqual([
      { line: 6, message: "RankOrder 2 appears again (first on line 3)" },
    ]);
  });

  it("parses a clean file the same in any chunking", async () => {
    const text = "EventId,RankOrder,Class\r\n15,1,b\r\n14,2,b\r\n13,3,b\r\n12,4,b\r\n11,5,s\r\n10,6,S\r\n";
    for (const size of [1, 4, 1000]) {
      const parsed = await parseHiggsSubmission(chunked(encode(text), size), index);
      expect([...parsed.rankOrder]).toEqual([6, 5, 4, 3, 2, 1]);
      expect([...parsed.isSignal]).toEqual([1, 1, 0, 0, 0, 0]);
    }
  });

  it(`needs every rank: ${n} rows with a repeated id are not mistaken for a clean file`, async () => {
    const bad = "EventId,RankOrder,Class\n10,1,s\n11,2,b\n12,3,s\n13,4,b\n14,5,b\n14,6,s\n";
    expect(await problems(parseHiggsSubmission(encode(bad), index))).toEqual([
      { line: 7, message: 'EventId "14" appears again (first on line 6)' },
      { line: null, message: '1 of 6 events is missing: EventId "15"' },
    ]);
  });
});
