/**
 * An organiser switches a challenge's gates on or off (the manage page's form and PUT /api/v1/challenges/<slug>/gates
 * alike): the settings are read by the one schema (scoring/gates/gate-settings.ts), then checked against what the
 * challenge can gate: a kind scored against an answer key that does not gate every challenge itself, one score per
 * event, and enough Control rows in the current key for each check. Stored in challenge.config.gates, so bundles
 * carry them with the rest of the config. A change applies to the board at once: the challenge's finished submissions
 * are reset for rescoring in the change's own transaction and queued for the workers (the manage page's "rescore
 * all"), so a submission ranked under the old checks is "Not ranked" under the new ones, and back again.
 */
import { answerKeyTarget } from "@/challenges/built-in";
import { findKind } from "@/challenges";
import type { Db } from "@/db";
import { setChallengeConfig } from "@/db/queries/challenges";
import { controlRowCounts, currentDataset } from "@/db/queries/datasets";
import { resetForRescore } from "@/db/queries/organiser";
import type { Challenge } from "@/db/schema";
import type { ScoringQueue } from "@/lib/jobs/shared-queue";
import { gateRequirementIssues, gateSettingsSchema, gatesOfConfig, type GateSetting } from "@/scoring/gates/gate-settings";
import { isMetricId, METRICS } from "@/scoring/registry";

/** The gates now in force and how many submissions were queued to be rescored under them (0: nothing changed). */
export type GateUpdate = { gates: GateSetting[]; rescoring: number } | { problems: string[] };

const settingsKey = (gates: readonly GateSetting[]) => JSON.stringify([...gates].sort((a, b) => a.id.localeCompare(b.id)));

/** The organiser's line about the rescoring a change started. */
export function rescoringMessage(n: number): string {
  if (n === 0) return "No submission needs rescoring.";
  return n === 1 ? "1 submission will be rescored." : `${n} submissions will be rescored.`;
}

export async function setChallengeGates(
  db: Db,
  queue: Pick<ScoringQueue, "enqueue">,
  challenge: Pick<Challenge, "id" | "kind" | "metricId" | "config">,
  body: unknown,
): Promise<GateUpdate> {
  const parsed = gateSettingsSchema.safeParse(body);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => i.message) };
  const { gates } = parsed.data;
  const kind = findKind(challenge.kind);
  if (gates.length > 0) {
    if (kind?.scoring.by !== "answer-key")
      return { problems: [`${kind?.label ?? challenge.kind} challenges are scored by simulation: there are no control events to check`] };
    if (kind.scoring.control)
      return { problems: [`${kind.label} challenges always run their own mass-sculpting check; it cannot be changed`] };
    const ds = await currentDataset(db, challenge.id);
    if (!ds) return { problems: ["The challenge has no dataset yet"] };
    const oneScore =
      isMetricId(challenge.metricId) &&
      METRICS[challenge.metricId].submissionFormat !== "higgs" &&
      answerKeyTarget(ds.manifest).type !== "multiclass";
    const problems = gateRequirementIssues(gates, await controlRowCounts(db, ds.id), oneScore);
    if (problems.length > 0) return { problems };
  }
  // The same checks again (a form saved as it was): no change, so nothing to rescore.
  if (settingsKey(gates) === settingsKey(gatesOfConfig(challenge.config))) return { gates, rescoring: 0 };
  const { gates: _old, ...rest } = challenge.config;
  const ids = await db.transaction(async (tx) => {
    await setChallengeConfig(tx as unknown as Db, challenge.id, gates.length > 0 ? { ...rest, gates } : rest);
    return resetForRescore(tx as unknown as Db, challenge.id);
  });
  // pg-boss sends on its own connection, so after the commit; a send lost in between is requeued by the workers' orphan sweep.
  for (const id of ids) await queue.enqueue(id);
  return { gates, rescoring: ids.length };
}
