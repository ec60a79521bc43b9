import { NextResponse } from "next/server";
import { route } from "@/lib/api-error";
import { visibleDatasetFiles } from "@/lib/data-files";
import { presentChallengeSummary } from "@/lib/api/v1/present";
import type { ApiChallengeDetail } from "@/lib/api/v1/schemas";
import { challengeForApi } from "@/lib/challenge-access";
import { modelContract } from "@/challenges";
import { isMetricId, METRICS } from "@/scoring/registry";

export const dynamic = "force-dynamic";

/** One challenge: rules, phases, limits and its data files with download paths. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { db, challenge } = await challengeForApi((await ctx.params).slug, req);
  const files = await visibleDatasetFiles(db, challenge);
  const contract = modelContract(challenge.kind);
  const base = `/api/v1/challenges/${encodeURIComponent(challenge.slug)}/files`;
  const body: ApiChallengeDetail = {
    ...presentChallengeSummary(challenge),
    description: challenge.description,
    phases: challenge.phases.map((p) => ({
      name: p.name,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
      submissionMode: p.submissionMode,
    })),
    dailySubmissionLimit: challenge.dailySubmissionLimit,
    maxTeamSize: challenge.maxTeamSize,
    finalSelections: challenge.finalSelections,
    submissionFormat: isMetricId(challenge.metricId) ? METRICS[challenge.metricId].submissionFormat : "unknown",
    model: contract
      ? {
          features: [...contract.features],
          missing: contract.missing,
          output: contract.output,
          maxMb: challenge.modelMaxMb,
          latencyBudgetMsPer1000: challenge.latencyBudgetMs,
        }
      : null,
    files: files.map((f) => ({
      name: f.filename,
      description: f.description,
      rows: f.rows,
      bytes: f.sizeBytes,
      sha256: f.sha256,
      url: `${base}/${encodeURIComponent(f.filename)}`,
    })),
  };
  return NextResponse.json({ challenge: body });
});
