/**
 * A submission its kind refuses for reasons other than CSV format (a detector design out of bounds) comes back from
 * the scoring thread as the kinds' general SubmissionIssuesError, issues and message intact, so the worker fails
 * it with that message instead of retrying it as a crash.
 */
import { afterAll, describe, expect, it } from "vitest";
import { SubmissionIssuesError } from "@/challenges";
import { detectorKind } from "@/challenges/detector-design/kind";
import { scoreOffThread, stopScoringThreads } from "@/lib/jobs/scoring-pool";

afterAll(() => stopScoringThreads());

describe("the scoring thread's errors", () => {
  it("passes a kind's submission issues back with their paths", async () => {
    const design = new TextEncoder().encode('{"schema":"straw-tracker/v1","y":[0,0,0],"z":[2,4]}');
    const scored = scoreOffThread(
      { kind: detectorKind.id, by: "simulation", metricId: "design-score", secrets: { privateSeed: 12345 } },
      { bytes: design, gzipped: false },
    );
    const err = await scored.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SubmissionIssuesError);
    expect((err as SubmissionIssuesError).issues.map((i) => i.path)).toEqual(["z"]);
    expect((err as Error).message).toMatch(/^z: must list exactly 3 numbers/);
  });
});
