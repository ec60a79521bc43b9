/**
 * An organiser switches a challenge's gates on or off (the manage page's form and PUT /api/v1/challenges/<slug>/gates
 * alike): the settings are read by the one schema (scoring/gates/gate-settings.ts), then checked against what the
 * challenge can gate: a kind scored against an answer key that does not gate every challenge itself, one score per
 * event, and enough Control rows in the current key for each check. Stored in challenge.config.gates, so bundles
 * carry them with the rest of the config. Submissions already scored keep their results until rescored.
 */
import { answerKeyTarget } from "@/challenges/built-in";
import { findKind } from "@/challenges";
import type { Db } from "@/db";
import { setChallengeConfig } from "@/db/queries/challenges";
import { controlRowCounts, currentDataset } from "@/db/queries/datasets";
import type { Challenge } from "@/db/schema";
import { gateRequirementIssues, gateSettingsSchema, type GateSetting } from "@/scoring/gates/gate-settings";
import { isMetricId, METRICS } from "@/scoring/registry";

export type GateUpdate = { gates: GateSetting[] } | { problems: string[] };

export async function setChallengeGates(
  db: Db,
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
  const { gates: _old, ...rest } = challenge.config;
  await setChallengeConfig(db, challenge.id, gates.length > 0 ? { ...rest, gates } : rest);
  return { gates };
}
