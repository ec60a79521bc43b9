/** Database rows to the v1 API's objects (schemas.ts): the one place that decides what a client sees. */
import { scoreToJson } from "@/scoring/score-value";
import { isPrivateRevealed, type StatusAt } from "@/challenges/phase-status";
import type { TokenSummary } from "@/db/queries/api-tokens";
import type { LeaderboardRow, PrivateLeaderboardRow } from "@/db/queries/leaderboard";
import type { Challenge, ModelStats } from "@/db/schema";
import { isMetricId, METRICS } from "@/scoring/registry";
import type { ApiChallengeSummary, ApiSubmission } from "./schemas";

type SummaryInput = Pick<Challenge, "slug" | "title" | "summary" | "kind" | "visibility" | "metricId" | "privateRevealedAt"> & {
  state: StatusAt;
};

export function presentMetric(metricId: string) {
  if (!isMetricId(metricId)) throw new Error(`unknown metric ${metricId}`);
  const m = METRICS[metricId];
  return { id: m.id, label: m.label, higherIsBetter: m.higherIsBetter, precision: m.precision };
}

export function presentChallengeSummary(c: SummaryInput): ApiChallengeSummary {
  return {
    slug: c.slug,
    title: c.title,
    summary: c.summary,
    kind: c.kind,
    visibility: c.visibility,
    status: c.state.status,
    statusChangesAt: c.state.changesAt?.toISOString() ?? null,
    metric: presentMetric(c.metricId),
    privateRevealed: isPrivateRevealed(c.state),
  };
}

type SubmissionInput = {
  id: number;
  filename: string;
  description: string;
  status: ApiSubmission["status"];
  error: string | null;
  selectedFinal: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  publicScore: number | null;
  publicStd: number | null;
  format?: "predictions" | "model";
  sizeBytes?: number;
  modelStats?: ModelStats | null;
};

export function presentSubmission(s: SubmissionInput, queuePosition: number | null): ApiSubmission {
  return {
    id: s.id,
    filename: s.filename,
    description: s.description,
    status: s.status,
    error: s.error,
    selectedFinal: s.selectedFinal,
    createdAt: s.createdAt.toISOString(),
    finishedAt: s.finishedAt?.toISOString() ?? null,
    public: s.publicScore === null ? null : { score: scoreToJson(s.publicScore), std: s.publicStd },
    queuePosition,
    model:
      s.format === "model"
        ? { sizeBytes: s.sizeBytes ?? 0, operatorCount: s.modelStats?.operatorCount ?? null, msPer1000: s.modelStats?.msPer1000 ?? null }
        : null,
  };
}

/** Leaderboard rows without internal ids (team and submission ids stay on the server). */
export function presentLeaderboardRow(r: LeaderboardRow | PrivateLeaderboardRow) {
  return {
    rank: r.rank,
    teamName: r.teamName,
    score: scoreToJson(r.score),
    std: r.std,
    entries: r.entries,
    lastSubmissionAt: r.lastSubmissionAt.toISOString(),
    tiedWithPrevious: r.tiedWithPrevious,
    ...("publicRank" in r ? { publicRank: r.publicRank, rankChange: r.rankChange } : {}),
  };
}

/** A token as its owner sees it: never the secret, which exists only at creation. */
export function presentToken(t: TokenSummary) {
  return { id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: t.lastUsedAt?.toISOString() ?? null };
}
