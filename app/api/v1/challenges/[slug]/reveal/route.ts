import { NextResponse } from "next/server";
import { REVEAL_RULE } from "@/challenges/phase-status";
import { revealPrivateLeaderboard } from "@/db/queries/challenges";
import { route } from "@/lib/api-error";
import { invalidateChallenge, managedChallengeForApi } from "@/lib/challenge-access";
import { clearLeaderboardCaches } from "@/lib/leaderboard";

export const dynamic = "force-dynamic";

/** Reveals the private leaderboard of a challenge you organise, ending it now (REVEAL_RULE). */
export const POST = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { db, challenge } = await managedChallengeForApi(slug, req);
  await revealPrivateLeaderboard(db, challenge.id);
  invalidateChallenge(slug);
  clearLeaderboardCaches();
  return NextResponse.json({ revealed: true, ended: true, rule: REVEAL_RULE });
});
