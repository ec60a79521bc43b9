import { describe, expect, it } from "vitest";
import { SubmissionFormatError } from "@/scoring/parsing/errors";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { createSolutionIndex } from "@/scoring/parsing/solution-index";
import { parseProbabilitySubmission } from "@/scoring/parsing/submission-probabilities";
import { encode } from "./helpers";

const CLASSES = ["a", "b", "c"];
const key = () =>
  parseSolution(encode(`EventId,Class,Usage\n${[1, 2, 3, 4, 5, 6].map((i) => `${i},${CLASSES[i % 3]},Public`).join("\n")}\n`), {
    target: "multiclass",
    classes: CLASSES,
  });

describe("multiclass submissions (fast rows and generic rows alike)", () => {
  it("reads every form of number, in the columns' order, into the key's class order", async () => {
    const index = createSolutionIndex(await key());
    // Columns c,a,b; plain decimals, 17-digit reprs, an exponent, a quoted field, CRLF and LF lines, a trailing row without a newline.
    const text = [
      "EventId,c,a,b",
      "1,0.2,0.5,0.3",
      "2,0.30000000000000004,0.29999999999999999,0.4\r",
      "3,1e-1,0.6,3e-1",
      '4,"0.25",0.25,0.5',
      "5,0,1,0",
      "6,0.125,0.375,0.5",
    ].join("\n");
    const { probabilities, classes } = await parseProbabilitySubmission(encode(text), index, CLASSES);
    expect(classes).toBe(3);
    const rows = text
      .split("\n")
      .slice(1)
      .map((line) =>
        line
          .replace("\r", "")
          .split(",")
          .slice(1)
          .map((x) => Number(x.replaceAll('"', ""))),
      );
    // File columns c,a,b → key order a,b,c.
    const expected = rows.flatMap(([c, a, b]) => [a, b, c]);
    expect(Array.from(probabilities)).toEqual(expected);
  });

  it("reports a bad row among clean ones with its line, whichever path met it", async () => {
    const index = createSolutionIndex(await key());
    const text = "EventId,a,b,c\n1,0.2,0.5,0.3\n2,0.2,0.5,0.4\n3,0.2,1.5,0.3\n4,0.2,0.5,0.3\n5,0.2,0.5,0.3\n6,0.2,0.5,0.3\n";
    const error = await parseProbabilitySubmission(encode(text), index, CLASSES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubmissionFormatError);
    expect((error as SubmissionFormatError).problems).toEqual([
      { line: 3, message: "the probabilities sum to 1.1, not 1 (within 0.001)" },
      { line: 4, message: 'b "1.5" is not a probability between 0 and 1' },
    ]);
  });
});
