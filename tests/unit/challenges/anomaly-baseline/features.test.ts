import { describe, expect, it } from "vitest";
import { baselineInputs, BASELINE_FEATURES, fitStandardiser } from "@/challenges/anomaly-detection/baseline/features";
import { readChallengeFile, scoreSubmissionCsv } from "@/challenges/anomaly-detection/baseline/challenge-files";
import type { AnomalyEvents } from "@/challenges/anomaly-detection";

function events(rows: number[][]): AnomalyEvents {
  return { features: [0, 1, 2, 3, 4].map((f) => Float64Array.from(rows, (r) => r[f]!)), label: new Uint8Array(rows.length) };
}

describe("baseline inputs", () => {
  // The logged inputs are float32 (what the networks read), hence 6 digits.
  it("drops mjj, logs the masses (clamping −1e−8 to 0) and standardises with the fitted sample", () => {
    const sample = events([
      [3500, 99, -1e-8, 0.2, 0.4],
      [2900, Math.E ** 2 - 1, 0, 0.6, 0.4],
    ]);
    const st = fitStandardiser(sample);
    expect(st.features).toEqual([...BASELINE_FEATURES]);
    expect(st.mean[0]).toBeCloseTo((Math.log(100) + 2) / 2, 6);
    expect(st.sd[0]).toBeCloseTo((Math.log(100) - 2) / 2, 6);
    // delta_mj and tau21_2 are constant: deviation 1, so they standardise to 0 rather than NaN.
    expect([st.mean[1], st.sd[1], st.sd[3]]).toEqual([0, 1, 1]);
    const { X, rows, cols } = baselineInputs(sample, st);
    expect([rows, cols]).toEqual([2, 4]);
    expect([...X].map((x) => Math.round(x * 1e6) / 1e6)).toEqual([1, 0, -1, 0, -1, 0, 1, 0]);
  });
});

describe("challenge files", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it("reads train.csv and test.csv and writes the EventId,score submission", async () => {
    const train = await readChallengeFile(bytes("mjj,mj1,delta_mj,tau21_1,tau21_2\n3480,104,391,0.35,0.18\n"), "train.csv", false);
    expect(train.eventId).toHaveLength(0);
    expect(train.events.features.map((c) => c[0])).toEqual([3480, 104, 391, 0.35, 0.18]);
    const test = await readChallengeFile(
      bytes("EventId,mjj,mj1,delta_mj,tau21_1,tau21_2\n1000000,3480,104,391,0.35,0.18\n1000001,2950,60,12,0.7,0.66\n"),
      "test.csv",
      true,
    );
    expect([...test.eventId]).toEqual([1000000, 1000001]);
    expect(scoreSubmissionCsv(test.eventId, [0.91, 0.12])).toBe("EventId,score\n1000000,0.91\n1000001,0.12\n");
    expect(scoreSubmissionCsv([7], [1 / 3])).toBe("EventId,score\n7,0.33333333\n");
    expect(() => scoreSubmissionCsv([7], [NaN])).toThrow("the score of event 7 is NaN");
  });

  it("reports every bad value with its line and file", async () => {
    const bad = bytes("EventId,mjj,mj1,delta_mj,tau21_1,tau21_2\nx,3480,104,391,0.35,0.18\n5,3480,,391,abc,0.18\n");
    await expect(readChallengeFile(bad, "test.csv", true)).rejects.toThrow(
      /The file test\.csv has 3 problems:\n {2}line 2: EventId "x" is not a whole number\n {2}line 3: mj1 "" is not a finite number\n {2}line 3: tau21_1 "abc" is not a finite number/,
    );
    await expect(readChallengeFile(bytes("mjj,mj1\n1,2\n"), "train.csv", false)).rejects.toThrow(/missing column "delta_mj"/);
  });
});
