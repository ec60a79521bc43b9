/**
 * The byte-source contract: a chunk is read only until the next is asked for, so a producer may reuse one buffer
 * (as the CLI's file reader does). Every fixture, valid or not, must give the same result or the same problems
 * whether it comes whole or through a reused, scribbled-over buffer, plain or gzip, at any chunk size.
 */
import { readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SubmissionFormatError } from "@/scoring/parsing/errors";
import { solutionFromColumns } from "@/scoring/solution";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseHiggsSubmission } from "@/scoring/parsing/submission-higgs";
import { parseScoreSubmission } from "@/scoring/parsing/submission-scores";
import type { ByteSource } from "@/scoring/parsing/byte-source";
import { encode, fixture, FIXTURES, reusedBuffer } from "./helpers";

const solution = await parseSolution(fixture("solution-small.csv"));
const index = createSolutionIndex(solution);

/** What a parse ends in: its value as plain arrays, or its problems. */
async function outcome(parse: Promise<object>): Promise<unknown> {
  try {
    return Object.fromEntries(Object.entries(await parse).map(([k, v]) => [k, Array.from(v as ArrayLike<number>)]));
  } catch (e) {
    if (e instanceof SubmissionFormatError) return { problems: e.problems, total: e.totalProblems };
    throw e;
  }
}

const SIZES = [1, 2, 3, 5, 16, 64, 4096];

async function expectSameEverywhere(bytes: Uint8Array, parse: (src: ByteSource) => Promise<object>): Promise<void> {
  const whole = await outcome(parse(bytes));
  for (const size of SIZES) {
    expect(await outcome(parse(reusedBuffer(bytes, size)))).toEqual(whole);
    expect(await outcome(parse(reusedBuffer(gzipSync(bytes), size)))).toEqual(whole);
  }
}

const csvFixtures = readdirSync(FIXTURES).filter((name) => name.endsWith(".csv") && name !== "solution-small.csv");

describe("parsers given chunks of one reused buffer", () => {
  it.each(csvFixtures.filter((name) => !name.startsWith("scores-")))("HiggsML %s", (name) =>
    expectSameEverywhere(fixture(name), (src) => parseHiggsSubmission(src, index)),
  );

  it.each(csvFixtures.filter((name) => !name.startsWith("higgs-")))("scores %s", (name) =>
    expectSameEverywhere(fixture(name), (src) => parseScoreSubmission(src, index)),
  );

  it("the solution", async () => {
    const whole = await parseSolution(fixture("solution-small.csv"));
    for (const size of SIZES) expect(await parseSolution(reusedBuffer(fixture("solution-small.csv"), size))).toEqual(whole);
  });

  it("a BOM cut across tiny first chunks", () =>
    expectSameEverywhere(encode("\ufeffEventId,score\n100000,0.5\n"), (src) => parseScoreSubmission(src, index)));

  it("many fast rows crossing chunk boundaries", async () => {
    const n = 3000;
    const big = solutionFromColumns({
      ids: Array.from({ length: n }, (_, i) => 1000 + i),
      labels: Array.from({ length: n }, (_, i) => i % 2),
      weights: Array.from({ length: n }, () => 1),
      usage: Array.from({ length: n }, (_, i) => 1 + (i % 2)),
    });
    const bigIndex = createSolutionIndex(big);
    const rows = Array.from({ length: n }, (_, i) => `${1000 + i},${n - i},${i % 3 === 0 ? "s" : "b"}`);
    await expectSameEverywhere(encode(`EventId,RankOrder,Class\n${rows.join("\n")}\n`), (src) => parseHiggsSubmission(src, bigIndex));
  });
});
