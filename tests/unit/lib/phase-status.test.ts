import { describe, expect, it } from "vitest";
import { challengeStatus } from "@/challenges/phase-status";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const phases = [
  { name: "Main", startsAt: d("2026-01-01"), endsAt: d("2026-02-01") },
  { name: "Extra", startsAt: d("2026-03-01"), endsAt: d("2026-04-01") },
];

describe("challengeStatus", () => {
  it("is upcoming before the first phase, with the opening time", () => {
    expect(challengeStatus(phases, d("2025-12-01"))).toEqual({ status: "upcoming", changesAt: d("2026-01-01") });
  });
  it("is open inside a phase, closing at its end (end exclusive)", () => {
    const s = challengeStatus(phases, d("2026-01-15"));
    expect(s.status).toBe("open");
    expect(s.current?.name).toBe("Main");
    expect(s.changesAt).toEqual(d("2026-02-01"));
    expect(challengeStatus(phases, d("2026-02-01")).status).toBe("upcoming");
  });
  it("is ended after the last phase, and with no phases at all", () => {
    expect(challengeStatus(phases, d("2026-05-01"))).toEqual({ status: "ended" });
    expect(challengeStatus([], d("2026-05-01"))).toEqual({ status: "ended" });
  });
});
