import { formatScore } from "@/scoring/score-value";
import Link from "next/link";
import type { ReaderStanding } from "@/lib/reader-standing";
import { siteConfig } from "@/lib/site";

/** "Your team is #3 of 41": for the submit page (rendered for its reader) and the leaderboard (filled in the browser). */
/** `standing.score` as a number, or as the API's JSON gives it (a score that is not finite as its name). */
type Shown = Pick<ReaderStanding, "teamName" | "precision"> & { standing: { rank: number; total: number; score: number | string } | null };

export function YourStanding({ slug, mine }: { slug: string; mine: Shown }) {
  const s = mine.standing;
  const page = s ? Math.ceil(s.rank / siteConfig.leaderboardPageSize) : 1;
  return (
    <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="your-rank">
      {s ? (
        <>
          Your team <strong>{mine.teamName}</strong> is <strong>#{s.rank}</strong> of {s.total} on the public leaderboard (best{" "}
          {formatScore(s.score, mine.precision)}).{" "}
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
