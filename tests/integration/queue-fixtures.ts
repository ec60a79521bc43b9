import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { eq, inArray, sql } from "drizzle-orm";
import { generateHiggsDataset } from "@/challenges/higgs-tautau/built-in";
import type { Db } from "@/db/client";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { createSubmission } from "@/db/queries/submissions";
import { publicScores, submissions, type Challenge } from "@/db/schema";
import type { QueueSettings } from "@/lib/jobs/boss";
import { makeUserWithTeam } from "./fixtures";

/** Few bootstrap resamples: the tests check that a ± is there, not its precision. */
export const SCORING = { bootstrap: 20 };

/** Short limits so retries and expiries happen within a test's seconds. */
export const FAST_QUEUE: QueueSettings = { expireInSeconds: 60, retryLimit: 1, retryDelaySeconds: 1, maintenanceIntervalSeconds: 1 };

/** A Higgs challenge with a simulated answer key of 300 test events. */
export async function makeHiggsChallenge(
  db: Db,
  slug = `q-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
): Promise<{ challenge: Challenge; ids: number[] }> {
  const data = generateHiggsDataset({ seed: 7, trainEvents: 50, testEvents: 300 });
  const ids = Array.from(data.solution.eventId);
  const challenge = await createChallengeWithDataset(
    db,
    {
      slug,
      kind: "higgs-tautau",
      title: "Queue test",
      summary: "",
      description: "",
      metricId: "ams",
      config: {},
      phases: (now) => [{ name: "Main", startsAt: new Date(now.getTime() - 1000), endsAt: new Date(now.getTime() + 86_400_000) }],
    },
    data,
  );
  return { challenge: challenge as Challenge, ids };
}

/** A valid Kaggle-format submission ranking events by id. */
export const goodCsv = (ids: number[]) =>
  ["EventId,RankOrder,Class", ...ids.map((id, i) => `${id},${i + 1},${i % 3 === 0 ? "s" : "b"}`)].join("\n") + "\n";

/** Stores a submission as the upload route does (queued, file gzip-compressed), without queueing a job. */
export async function upload(db: Db, challenge: Challenge, csv: string) {
  const { user, team } = await makeUserWithTeam(db, challenge.id);
  const text = Buffer.from(csv);
  return createSubmission(db, {
    challengeId: challenge.id,
    teamId: team.id,
    userId: user.id,
    dailyLimit: 100,
    filename: "s.csv",
    description: "",
    gzipContent: gzipSync(text),
    sizeBytes: text.byteLength,
    sha256: createHash("sha256").update(text).digest("hex"),
  });
}

/** Polls `fn` every 100 ms until it returns a value; fails after `timeoutMs`. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs: number, what = "condition"): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const statusOf = async (db: Db, id: number) =>
  (
    await db
      .select({ status: submissions.status, error: submissions.error, token: submissions.scoringToken })
      .from(submissions)
      .where(eq(submissions.id, id))
  )[0]!;

/** Waits until the submission reaches `status` and returns its row. */
export const waitForStatus = (db: Db, id: number, status: "scored" | "failed", timeoutMs = 20_000) =>
  waitFor(
    async () => {
      const s = await statusOf(db, id);
      return s.status === status ? s : undefined;
    },
    timeoutMs,
    `submission ${id} to be ${status}`,
  );

/** Public score rows per submission id: exactly-once means a count of 1 for each. */
export async function scoreRowCounts(db: Db, ids: number[]): Promise<Map<number, number>> {
  const rows = await db
    .select({ id: publicScores.submissionId, n: sql<number>`count(*)` })
    .from(publicScores)
    .where(inArray(publicScores.submissionId, ids))
    .groupBy(publicScores.submissionId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}
