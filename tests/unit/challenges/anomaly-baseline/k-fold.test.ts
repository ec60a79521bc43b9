import { describe, expect, it } from "vitest";
import { crossFit, foldRows, kFoldAssignment } from "@/challenges/anomaly-detection/baseline/k-fold";
import { Random } from "@/challenges/shared/random";

describe("k-fold cross-fitting", () => {
  it("deals the events into folds whose sizes differ by at most one, the same for the same seed", () => {
    const fold = kFoldAssignment(23, 5, new Random(3));
    const sizes = [0, 1, 2, 3, 4].map((f) => foldRows(fold, f, true).length);
    expect(sizes).toEqual([5, 5, 5, 4, 4]);
    expect(kFoldAssignment(23, 5, new Random(3))).toEqual(fold);
    expect(kFoldAssignment(23, 5, new Random(4))).not.toEqual(fold);
    expect(() => kFoldAssignment(10, 1, new Random(1))).toThrow(/folds must be a whole number from 2 to 255, got 1/);
  });

  it("never scores an event with a model that saw it, and scores every event once", async () => {
    const n = 41;
    const fold = kFoldAssignment(n, 4, new Random(9));
    const scoredBy = new Int32Array(n).fill(-1);
    const { scores, models } = await crossFit(
      fold,
      4,
      async (trainRows, f) => ({ f, seen: new Set(trainRows), dispose: () => {} }),
      (model, rows) => {
        rows.forEach((r) => {
          expect(scoredBy[r]).toBe(-1);
          scoredBy[r] = model.f;
        });
        // The score says whether the model trained on the event: it must be 0 everywhere.
        return Float64Array.from(rows, (r) => (model.seen.has(r) ? 1 : 0));
      },
    );
    expect([...scores]).toEqual(new Array(n).fill(0));
    expect([...scoredBy]).toEqual([...fold]);
    // Each model trained on exactly the other folds' events.
    models.forEach((m) => expect(m.seen.size).toBe(n - foldRows(fold, m.f, true).length));
  });

  it("disposes the models trained so far when a fold fails", async () => {
    const disposed: number[] = [];
    const fold = kFoldAssignment(10, 3, new Random(1));
    const run = crossFit(
      fold,
      3,
      async (_rows, f) => {
        if (f === 2) throw new Error("diverged");
        return { dispose: () => disposed.push(f) };
      },
      (_m, rows) => new Float64Array(rows.length),
    );
    await expect(run).rejects.toThrow("diverged");
    expect(disposed).toEqual([0, 1]);
  });
});
