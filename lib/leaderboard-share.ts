import type { Db } from "@/db";
import { boardOf } from "@/db/queries/leaderboard";
import { leaderboardSlugOf } from "./micro-cache";
import { singleFlight } from "./versioned-cache";

/**
 * For the start script's micro-cache (lib/micro-cache.ts `share`): a public challenge's leaderboard (page or JSON) is
 * shared by every reader and tagged with its leaderboard version; a private class's, or an unknown slug's, is not.
 * One indexed look-up, shared by the requests that arrive while it is in flight.
 */
export function leaderboardShare(db: Db): (path: string) => Promise<string | null> {
  const look = singleFlight((slug: string) => boardOf(db, slug));
  return async (path) => {
    const slug = leaderboardSlugOf(path);
    if (!slug) return null;
    const board = await look(decodeURIComponent(slug));
    return board?.public ? `v${board.version}` : null;
  };
}
