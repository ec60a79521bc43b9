import { describe, expect, it } from "vitest";
import { detailsFromJson, detailsToJson, formatScore, scoreFromJson, scoreToJson } from "@/scoring/score-value";

describe("scores that are not finite, in JSON and on pages", () => {
  it("names ±∞ and NaN in JSON and reads them back; finite scores stay numbers", () => {
    expect([Infinity, -Infinity, NaN, 2.5, 0].map(scoreToJson)).toEqual(["Infinity", "-Infinity", "NaN", 2.5, 0]);
    expect(JSON.parse(JSON.stringify({ score: scoreToJson(Infinity) })).score).toBe("Infinity");
    expect(["Infinity", "-Infinity", 2.5].map(scoreFromJson)).toEqual([Infinity, -Infinity, 2.5]);
    expect(scoreFromJson("NaN")).toBeNaN();
    expect(scoreFromJson("inf")).toBeNaN();
    expect(scoreFromJson(null)).toBeNaN();
  });

  it("shows ∞, −∞ and — for no value (the worked example)", () => {
    expect(formatScore(Infinity, 2)).toBe("∞");
    expect(formatScore("Infinity", 2)).toBe("∞");
    expect(formatScore(-Infinity, 2)).toBe("−∞");
    expect([formatScore(NaN, 2), formatScore(null, 2), formatScore(undefined, 2)]).toEqual(["—", "—", "—"]);
    expect(formatScore(12.345, 2)).toBe("12.35");
  });

  it("carries details (single numbers and arrays) through JSON and back", () => {
    const details = { b: 0, "rejection-at-eps-s": Infinity, curve: [1, Infinity, NaN], name: "x" };
    const stored = JSON.parse(JSON.stringify(detailsToJson(details))) as Record<string, unknown>;
    expect(stored).toEqual({ b: 0, "rejection-at-eps-s": "Infinity", curve: [1, "Infinity", "NaN"], name: "x" });
    const back = detailsFromJson(stored);
    expect(back["rejection-at-eps-s"]).toBe(Infinity);
    expect((back.curve as number[])[2]).toBeNaN();
    expect(back.name).toBe("x");
  });
});
