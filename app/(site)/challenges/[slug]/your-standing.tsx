import Link from "next/link";
import { getDb } from "@/db";
import { publicStanding } from "@/db/queries/leaderboard";
import { getTeamOfUser } from "@/db/queries/teams";
import type { User } from "@/db/schema";
import { PAGE_SIZE } from "@/lib/leaderboard";
import { isMetricId, METRICS } from "@/scoring/registry";

/** The signed-in competitor's team and its place on the public board, for the leaderboard and submit pages. */
export async function teamStanding(challenge: { id: number; metricId: string }, user: User | undefined) {
  if (!user || !isMetricId(challenge.metricId)) return null;
  const db = await getDb();
  const metric = METRICS[challenge.metricId];
  const team = await getTeamOfUser(db, challenge.id, user.id);
  // A competitor gets a team with their first submission (or a visit to the Team tab).
  if (!team) return { teamId: null, teamName: null, standing: null, precision: metric.precision };
  const standing = await publicStanding(db, { challengeId: challenge.id, teamId: team.id, higherIsBetter: metric.higherIsBetter });
  return { teamId: team.id, teamName: team.name, standing, precision: metric.precision };
}

export function YourStanding({ slug, mine }: { slug: string; mine: NonNullable<Awaited<ReturnType<typeof teamStanding>>> }) {
  const s = mine.standing;
  const page = s ? Math.ceil(s.rank / PAGE_SIZE) : 1;
  return (
    <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="your-rank">
      {s ? (
        <>
          Your team <strong>{mine.teamName}</strong> is <strong>#{s.rank}</strong> of {s.total} on the public leaderboard (best{" "}
          {s.score.toFixed(mine.precision)}).{" "}
          <Link href={`/challenges/${slug}/leaderboard${page > 1 ? `?page=${page}` : ""}`} className="text-brand-600 underline">
            See it on the leaderboard
          </Link>
        </>
      ) : (
        <>
          {mine.teamName ? (
            <>
              Your team <strong>{mine.teamName}</strong> has
            </>
          ) : (
            "You have"
          )}{" "}
          no scored submission yet: your team joins the leaderboard with its first.
        </>
      )}
    </p>
  );
}
