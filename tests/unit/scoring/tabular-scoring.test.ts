import { describe, expect, it } from "vitest";
import { SubmissionFormatError } from "@/scoring/parsing/errors";
import { accuracy } from "@/scoring/metrics/accuracy";
import { logLoss } from "@/scoring/metrics/log-loss";
import { scoreSubmission, type ScoreRequest } from "@/scoring/registry";
import { solutionFromColumns } from "@/scoring/solution";
import { parseSolution } from "@/scoring/parsing/solution-csv";
import { checkSubmissionHead } from "@/scoring/parsing/submission-header";
import { encode } from "./helpers";
import { multiclass } from "./metric-data";

const CLASSES = ["ggH", "VBF", "Ztt"];
// Rows 1–3 Public, 4–6 Private.
const multiKey = () =>
  parseSolution(
    encode(
      "EventId,Class,Weight,Usage\n1,ggH,1,Public\n2,VBF,2,Public\n3,Ztt,1,Public\n4,ggH,1,Private\n5,Ztt,3,Private\n6,VBF,1,Private\n",
    ),
    {
      target: "multiclass",
      classes: CLASSES,
    },
  );
// Columns in another order than the key's classes.
const MULTI_SUBMISSION = "EventId,Ztt,ggH,VBF\n1,0.1,0.7,0.2\n2,0.2,0.5,0.3\n3,0.6,0.2,0.2\n4,0.3,0.3,0.4\n5,0.8,0.1,0.1\n6,0.1,0.1,0.8\n";

async function formatProblems(req: Promise<unknown>) {
  const error = await req.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SubmissionFormatError);
  return (error as SubmissionFormatError).problems;
}

describe("scoring tabular keys through the descriptors", () => {
  it("multiclass: probability columns by class name, in any order; accuracy and log-loss per subset", async () => {
    const solution = await multiKey();
    const acc = await scoreSubmission({ solution, submission: encode(MULTI_SUBMISSION), metricId: "accuracy" });
    // Public: predicted ggH, ggH, Ztt for ggH, VBF, Ztt (weights 1, 2, 1).
    expect(acc.Public.primary).toBe(
      accuracy(
        multiclass(
          [0, 1, 2],
          [
            [0.7, 0.2, 0.1],
            [0.5, 0.3, 0.2],
            [0.2, 0.2, 0.6],
          ],
          [1, 2, 1],
        ),
      ),
    );
    expect(acc.Public.primary).toBe(0.5);
    expect(acc.Public.accuracy).toBe(0.5);
    const loss = await scoreSubmission({ solution, submission: encode(MULTI_SUBMISSION), metricId: "log-loss" });
    expect(loss.Private.primary).toBeCloseTo(
      logLoss(
        multiclass(
          [0, 2, 1],
          [
            [0.3, 0.4, 0.3],
            [0.1, 0.1, 0.8],
            [0.1, 0.8, 0.1],
          ],
          [1, 3, 1],
        ),
      ),
      15,
    );
  });

  it("multiclass: every bad row with its line and reason", async () => {
    const solution = await multiKey();
    const bad = "EventId,ggH,VBF,Ztt\n1,0.7,0.2,0.1\n2,1.2,0,0\n3,0.5,0.5,0.5\n4,x,0.5,0.5\n5,0.2,0.2,0.6\n5,0.2,0.2,0.6\n";
    expect(await formatProblems(scoreSubmission({ solution, submission: encode(bad), metricId: "accuracy" }))).toEqual([
      { line: 3, message: 'ggH "1.2" is not a probability between 0 and 1' },
      { line: 4, message: "the probabilities sum to 1.5, not 1 (within 0.001)" },
      { line: 5, message: 'ggH "x" is not a probability between 0 and 1' },
      { line: 7, message: 'EventId "5" appears again (first on line 6)' },
      { line: null, message: '1 of 6 events is missing: EventId "6"' },
    ]);
    const header = await formatProblems(
      scoreSubmission({ solution, submission: encode("EventId,ggH,VBF\n1,0.5,0.5\n"), metricId: "accuracy" }),
    );
    expect(header[0]).toEqual({ line: 1, message: 'missing column "Ztt" in the header (expected EventId,ggH,VBF,Ztt)' });
    // A sum within the tolerance passes (4 decimals, 3 classes).
    const near = MULTI_SUBMISSION.replace("1,0.1,0.7,0.2", "1,0.1001,0.7003,0.2003");
    await expect(scoreSubmission({ solution, submission: encode(near), metricId: "accuracy" })).resolves.toBeDefined();
  });

  it("the upload's instant header check knows a multiclass key's columns", async () => {
    await expect(checkSubmissionHead(encode(MULTI_SUBMISSION), true, "probabilities", CLASSES)).resolves.toBeUndefined();
    await expect(checkSubmissionHead(encode("EventId,score\n1,0.5\n"), true, "probabilities", CLASSES)).rejects.toThrow(
      /missing column "ggH"/,
    );
  });

  const binaryKey = () => solutionFromColumns({ ids: [10, 11, 12, 13], labels: [1, 0, 1, 0], weights: [1, 2, 1, 1], usage: [1, 1, 2, 2] });

  it("binary probabilities: EventId,score with 0 ≤ score ≤ 1 (fast and generic rows alike)", async () => {
    const ok = await scoreSubmission({
      solution: binaryKey(),
      submission: encode("EventId,score\n10,0.9\n11,0.6\n12,0.4\n13,0.2\n"),
      metricId: "f1",
    });
    // Public: both predicted positive, TP weight 1, FP weight 2: F1 = 2/(2 + 2).
    expect(ok.Public.primary).toBe(0.5);
    expect(ok.Private.primary).toBe(0);
    const problems = await formatProblems(
      scoreSubmission({
        solution: binaryKey(),
        submission: encode("EventId,score\n10,0.9\n11,1.5\n12,-0.1\n13,1e0\n"),
        metricId: "log-loss",
      }),
    );
    expect(problems).toEqual([
      { line: 3, message: 'score "1.5" is not a probability between 0 and 1' },
      { line: 4, message: 'score "-0.1" is not a probability between 0 and 1' },
    ]);
    // Ranked metrics take any finite score.
    await expect(
      scoreSubmission({ solution: binaryKey(), submission: encode("EventId,score\n10,9\n11,-3\n12,4\n13,2\n"), metricId: "auc" }),
    ).resolves.toBeDefined();
  });

  it("regression: EventId,prediction, the resolution with its bias, a bootstrap std", async () => {
    const solution = solutionFromColumns({
      ids: [1, 2, 3, 4, 5, 6],
      labels: [100, 125, 200, 90, 110, 130],
      weights: [1, 1, 1, 1, 1, 1],
      usage: [1, 1, 1, 2, 2, 2],
      target: { type: "real" },
    });
    const submission = encode("EventId,prediction\n1,110\n2,125\n3,180\n4,99\n5,110\n6,117\n");
    const res = await scoreSubmission({ solution, submission, metricId: "mass-resolution", bootstrap: 50, seed: 3 });
    expect(res.Public.primary).toBeCloseTo(Math.sqrt(0.02 / 3), 15);
    expect(res.Public.bias).toBeCloseTo(0, 15);
    expect(res.Private.bias).toBeCloseTo((0.1 + 0 - 0.1) / 3, 15);
    expect(res.Public.std).toBeGreaterThan(0);
    const rmse = await scoreSubmission({ solution, submission, metricId: "rmse" });
    expect(rmse.Private.primary).toBe(Math.sqrt((81 + 0 + 169) / 3));
    const wrong = await formatProblems(scoreSubmission({ solution, submission: encode("EventId,score\n1,1\n"), metricId: "rmse" }));
    expect(wrong[0]!.message).toMatch(/unexpected column "score" in the header \(expected EventId,prediction\)/);
  });

  it("refuses a metric for another target type, and parameters out of range", async () => {
    const req: ScoreRequest = { solution: binaryKey(), submission: encode("EventId,prediction\n10,1\n"), metricId: "rmse" };
    await expect(scoreSubmission(req)).rejects.toThrow("RMSE scores real targets; this answer key's target is binary");
    const scores = encode("EventId,score\n10,0.9\n11,0.6\n12,0.4\n13,0.2\n");
    await expect(
      scoreSubmission({ solution: binaryKey(), submission: scores, metricId: "eff-at-eps-b", params: { epsB: 2 } }),
    ).rejects.toThrow(/0 < epsB < 1, got 2/);
  });

  it("a parameterised metric uses the organiser's choice (rejection's worked example on the Public rows)", async () => {
    const solution = solutionFromColumns({
      ids: [1, 2, 3, 4, 5, 6, 7, 8],
      labels: [0, 1, 0, 1, 0, 0, 1, 0],
      weights: [1, 1, 1, 1, 1, 1, 1, 1],
      usage: [1, 1, 1, 1, 1, 1, 2, 2],
    });
    const submission = encode("EventId,score\n1,0.9\n2,0.8\n3,0.7\n4,0.6\n5,0.5\n6,0.4\n7,0.2\n8,0.3\n");
    const at = async (epsS: number) =>
      (await scoreSubmission({ solution, submission, metricId: "rejection-at-eps-s", params: { epsS } })).Public.primary;
    expect(await at(0.5)).toBe(4);
    expect(await at(1)).toBe(2);
    expect(await scoreSubmission({ solution, submission, metricId: "rejection-at-eps-s" })).toMatchObject({
      Public: { primary: 4 },
      Private: { primary: 1 },
    });
  });
});
