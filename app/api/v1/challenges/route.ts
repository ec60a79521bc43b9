import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { listChallenges } from "@/db/queries/challenges";
import { requestIdentity } from "@/lib/api-auth";
import { route } from "@/lib/api-error";
import { presentChallengeSummary } from "@/lib/api/v1/present";

export const dynamic = "force-dynamic";

/** Public challenges, plus the private ones the caller has joined. */
export const GET = route(async (req: Request) => {
  const { user } = await requestIdentity(req);
  const rows = await listChallenges(await getDb(), { userId: user?.id });
  return NextResponse.json({ challenges: rows.map(presentChallengeSummary) });
});
