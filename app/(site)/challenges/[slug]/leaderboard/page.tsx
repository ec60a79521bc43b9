import { loadChallenge } from "../load";

export default async function LeaderboardPage({ params }: { params: Promise<{ slug: string }> }) {
  const { challenge } = await loadChallenge((await params).slug);
  return (
    <div className="space-y-2">
      <h2 className="text-xl font-semibold">Public leaderboard</h2>
      <p className="text-slate-600">
        Ranked by {challenge.metricId} on the public subset of the test data. The private leaderboard appears when
        the challenge ends.
      </p>
      <p className="rounded border border-dashed border-slate-300 p-6 text-center text-slate-500">
        No scored submissions yet.
      </p>
    </div>
  );
}
