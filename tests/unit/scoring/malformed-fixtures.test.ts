/** The fixture corpus of malformed files: each must fail with every problem, its line and a clear reason. */
import { describe, expect, it } from "vitest";
import { SubmissionFormatError, type FormatProblem } from "@/scoring/parsing/errors";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseHiggsSubmission } from "@/scoring/parsing/submission-higgs";
import { parseScoreSubmission } from "@/scoring/parsing/submission-scores";
import { chunked, encode, fixture } from "./helpers";

const solution = await parseSolution(fixture("solution-small.csv"));
const index = createSolutionIndex(solution);

async function problemsOf(parse: Promise<unknown>): Promise<{ problems: FormatProblem[]; total: number; message: string }> {
  const error = await parse.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SubmissionFormatError);
  const e = error as SubmissionFormatError;
  return { problems: e.problems, total: e.totalProblems, message: e.message };
}

const higgs = (name: string) => problemsOf(parseHiggsSubmission(fixture(name), index));
const scores = (name: string) => problemsOf(parseScoreSubmission(fixture(name), index));

describe("malformed HiggsML submissions", () => {
  it("the valid fixture (plain and gzip) parses", async () => {
    const plain = await parseHiggsSubmission(fixture("higgs-valid.csv"), index);
    expect(Array.from(plain.rankOrder)).toEqual([10, 5, 9, 4, 8, 7, 6, 3, 2, 1]);
    expect(Array.from(plain.isSignal)).toEqual([1, 0, 1, 0, 1, 1, 0, 0, 0, 0]);
    expect(await parseHiggsSubmission(fixture("higgs-valid.csv.gz"), index)).toEqual(plain);
  });

  it.each([
    ["higgs-wrong-header.csv", { line: 1, message: 'unexpected column "Rank" in the header (expected EventId,RankOrder,Class)' }],
    ["higgs-missing-column.csv", { line: 1, message: 'missing column "Class" in the header (expected EventId,RankOrder,Class)' }],
    ["higgs-extra-column.csv", { line: 1, message: 'unexpected column "Comment" in the header (expected EventId,RankOrder,Class)' }],
    ["higgs-extra-field.csv", { line: 3, message: "expected 3 fields, found 4" }],
    ["higgs-missing-id.csv", { line: null, message: '1 of 10 events is missing: EventId "100009"' }],
    ["higgs-duplicate-id.csv", { line: 11, message: 'EventId "100008" appears again (first on line 10)' }],
    ["higgs-unknown-id.csv", { line: 11, message: 'unknown EventId "999999"' }],
    ["higgs-rank-duplicate.csv", { line: 11, message: "RankOrder 2 appears again (first on line 10)" }],
    ["higgs-rank-zero.csv", { line: 11, message: "RankOrder 0 is out of range 1..10" }],
    ["higgs-rank-too-large.csv", { line: 11, message: "RankOrder 11 is out of range 1..10" }],
    ["higgs-rank-non-integer.csv", { line: 11, message: 'RankOrder "1.0" is not a positive integer' }],
    ["higgs-class-invalid.csv", { line: 11, message: 'Class "x" is not s or b' }],
    ["empty.csv", { line: null, message: "the file is empty (expected the header EventId,RankOrder,Class)" }],
    ["higgs-header-only.csv", { line: null, message: "the file has a header but no rows" }],
    ["higgs-unterminated-quote.csv", { line: 2, message: "a quoted field is never closed" }],
  ])("%s", async (name, expected) => {
    const { problems } = await higgs(name);
    expect(problems).toContainEqual(expected);
  });

  it("duplicate-id also reports the id it displaced as missing", async () => {
    const { problems, total } = await higgs("higgs-duplicate-id.csv");
    expect(problems).toContainEqual({ line: null, message: '1 of 10 events is missing: EventId "100009"' });
    expect(total).toBe(2);
  });

  it("binary garbage is rejected as not a CSV text file", async () => {
    const { problems, message } = await higgs("binary-garbage.bin");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.line).toBe(1);
    expect(message).toMatch(/binary data .*not a CSV text file/);
  });

  it("truncated gzip is reported, never scored", async () => {
    const { problems } = await higgs("higgs-truncated.csv.gz");
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^the gzip data is truncated or corrupt/);
  });

  it("reports all problems up to 20, with the count of the rest", async () => {
    const { problems, total, message } = await higgs("higgs-many-problems.csv");
    // 30 rows × (rank 0, class q, unknown id) + the 10 missing ids as one problem, which is never cut off.
    expect(total).toBe(91);
    expect(problems).toHaveLength(21);
    expect(problems[0]).toEqual({ line: 2, message: "RankOrder 0 is out of range 1..10" });
    expect(problems[20]!.message).toMatch(/^10 of 10 events are missing: EventIds "100000", /);
    expect(message.split("\n")[0]).toBe("The submission has 91 problems:");
    expect(message.split("\n").at(-1)).toBe("  and 70 more problems");
  });

  it("a line over the limit is rejected with its line number", async () => {
    const long = encode(`EventId,RankOrder,Class\n100000,1,s\n100001,${"9".repeat(1024 * 1024 + 10)},b\n`);
    const { problems } = await problemsOf(parseHiggsSubmission(long, index));
    expect(problems).toEqual([{ line: 3, message: `line is longer than the limit of ${1024 * 1024} bytes` }]);
  });

  it("a file over the size limit stops reading at the limit", async () => {
    const big = encode(`EventId,RankOrder,Class\n${"100000,1,s\n".repeat(10_000)}`);
    const counter = { pulled: 0 };
    const { problems } = await problemsOf(parseHiggsSubmission(chunked(big, 1000, counter), index, { maxBytes: 5000 }));
    expect(problems).toEqual([{ line: null, message: "the file is larger than the limit of 5000 bytes" }]);
    expect(counter.pulled).toBeLessThanOrEqual(6000);
  });

  it("the decompressed size counts against the limit too", async () => {
    const { problems } = await problemsOf(parseHiggsSubmission(fixture("higgs-valid.csv.gz"), index, { maxBytes: 100 }));
    expect(problems).toEqual([{ line: null, message: "the decompressed file is larger than the limit of 100 bytes" }]);
  });
});

describe("malformed score submissions", () => {
  it("the valid fixture, and one with BOM, CRLF and quoted fields, parse identically", async () => {
    const plain = await parseScoreSubmission(fixture("scores-valid.csv"), index);
    expect(plain.scores[9]).toBe(0.05);
    expect(await parseScoreSubmission(fixture("scores-bom-crlf-quoted.csv"), index)).toEqual(plain);
  });

  it.each([
    ["scores-nan.csv", 'score "NaN" is not a finite number'],
    ["scores-inf.csv", 'score "inf" is not a finite number'],
    ["scores-non-numeric.csv", 'score "high" is not a finite number'],
  ])("%s", async (name, message) => {
    const { problems, total } = await scores(name);
    expect(problems).toEqual([{ line: 11, message }]);
    expect(total).toBe(1);
  });
});
