import Link from "next/link";
import { findKind } from "@/challenges";
import { getDb } from "@/db";
import { listChallenges } from "@/db/queries/challenges";
import { currentUser } from "@/lib/authz";
import { siteConfig } from "@/lib/site";
import { Countdown } from "../_components/countdown";
import { StatusBadge } from "../_components/status-badge";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await currentUser();
  const challenges = await listChallenges(await getDb(), { userId: user?.id });
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-3xl font-bold">Challenges</h1>
        <p className="mt-1 text-slate-600">{siteConfig.description}</p>
      </section>
      {challenges.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 p-8 text-center text-slate-500">
          No challenges yet. Organisers can create one.
        </p>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2" data-testid="challenge-list">
          {challenges.map((c) => (
            <li key={c.id} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
              <div className="flex items-center gap-2 text-xs text-slate-500">
                <StatusBadge status={c.state.status} />
                <span>{findKind(c.kind)?.category ?? c.kind}</span>
                {c.visibility === "private" && <span className="rounded bg-slate-100 px-1">private</span>}
              </div>
              <h2 className="mt-2 text-lg font-semibold">
                <Link href={`/challenges/${c.slug}`} className="hover:underline">
                  {c.title}
                </Link>
              </h2>
              <p className="mt-1 text-sm text-slate-600">{c.summary}</p>
              {c.state.changesAt && (
                <p className="mt-3 text-sm text-slate-500">
                  <Countdown to={c.state.changesAt.toISOString()} label={c.state.status === "open" ? "Closes in" : "Opens in"} />
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
