import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { baselineRuns, type BaselineRun } from "../schema";

export type NewBaselineRun = Pick<typeof baselineRuns.$inferInsert, "challengeId" | "requestedBy" | "family" | "seed" | "epochs">;
export type BaselineRunResults = NonNullable<BaselineRun["results"]>;

export async function insertBaselineRun(db: Db, p: NewBaselineRun): Promise<BaselineRun> {
  const [run] = await db.insert(baselineRuns).values(p).returning();
  if (!run) throw new Error("insert returned nothing");
  return run;
}

/** The challenge's latest 20 runs, newest first. */
export async function listBaselineRuns(db: Db, challengeId: number): Promise<BaselineRun[]> {
  return db.select().from(baselineRuns).where(eq(baselineRuns.challengeId, challengeId)).orderBy(desc(baselineRuns.id)).limit(20);
}

/** Moves a queued run to running; undefined when it is not queued (another worker took it, or it ended). */
export async function claimBaselineRun(db: Db, runId: number): Promise<BaselineRun | undefined> {
  const [run] = await db
    .update(baselineRuns)
    .set({ status: "running" })
    .where(and(eq(baselineRuns.id, runId), eq(baselineRuns.status, "queued")))
    .returning();
  return run;
}

export async function setBaselineRunProgress(db: Db, runId: number, progress: Record<string, unknown>): Promise<void> {
  await db.update(baselineRuns).set({ progress }).where(eq(baselineRuns.id, runId));
}

export async function setBaselineRunMessage(db: Db, runId: number, message: string): Promise<void> {
  await db.update(baselineRuns).set({ message }).where(eq(baselineRuns.id, runId));
}

export async function finishBaselineRun(db: Db, runId: number, results: BaselineRunResults): Promise<void> {
  await db
    .update(baselineRuns)
    .set({ status: "done", results, finishedAt: sql`now()` })
    .where(eq(baselineRuns.id, runId));
}

export async function failBaselineRun(db: Db, runId: number, message: string): Promise<void> {
  await db
    .update(baselineRuns)
    .set({ status: "failed", message, finishedAt: sql`now()` })
    .where(eq(baselineRuns.id, runId));
}

/** Fails every run still marked running, with `message` (a sole worker's start: nothing else can be training them). */
export async function failRunningBaselineRuns(db: Db, message: string): Promise<void> {
  await db
    .update(baselineRuns)
    .set({ status: "failed", message, finishedAt: sql`now()` })
    .where(eq(baselineRuns.status, "running"));
}
