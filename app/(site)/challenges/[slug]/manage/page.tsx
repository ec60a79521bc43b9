import { notFound } from "next/navigation";
import { isPrivateRevealed } from "@/challenges/phase-status";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { canManageChallenge, requireUser } from "@/lib/authz";
import { endChallengeAction, revealPrivateAction } from "./actions";

export default async function ManagePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const user = await requireUser(`/challenges/${slug}/manage`);
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user))) notFound();
  const revealed = isPrivateRevealed(challenge.state, challenge.privateRevealedAt);
  return (
    <div className="space-y-4">
      <h2 className="text-xl font-semibold">Manage</h2>
      <div className="flex flex-wrap gap-3">
        {challenge.state.status === "open" && (
          <form action={endChallengeAction.bind(null, slug)}>
            <button className="rounded border border-red-300 px-4 py-2 text-sm text-red-700 hover:bg-red-50">End the challenge now</button>
          </form>
        )}
        {!revealed && (
          <form action={revealPrivateAction.bind(null, slug)}>
            <button className="rounded border border-slate-300 px-4 py-2 text-sm hover:bg-slate-100">Reveal the private leaderboard</button>
          </form>
        )}
        {revealed && <p className="text-sm text-slate-600">The private leaderboard is visible to everyone.</p>}
      </div>
    </div>
  );
}
