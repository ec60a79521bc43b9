import type { Metadata } from "next";
import type { ReactNode } from "react";
import { StatusBadge } from "@/app/_components/status-badge";
import { Countdown } from "@/app/_components/countdown";
import { getDb } from "@/db";
import { canManageChallenge } from "@/lib/authz";
import { siteConfig } from "@/lib/site";
import { ChallengeTabs } from "./tabs";
import { loadChallenge } from "./load";

/** "Leaderboard · Higgs boson … · Collider Arena": each tab names itself, the challenge and the site. */
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { challenge } = await loadChallenge((await params).slug);
  return { title: { default: `${challenge.title} · ${siteConfig.name}`, template: `%s · ${challenge.title} · ${siteConfig.name}` } };
}

export default async function ChallengeLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { challenge, user } = await loadChallenge(slug);
  const canManage = await canManageChallenge(await getDb(), challenge, user);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <div className="flex items-center gap-3 text-sm text-slate-500">
          <StatusBadge status={challenge.state.status} />
          {challenge.state.changesAt && (
            <Countdown to={challenge.state.changesAt.toISOString()} label={challenge.state.status === "open" ? "Closes in" : "Opens in"} />
          )}
        </div>
        <h1 className="text-3xl font-bold">{challenge.title}</h1>
        <p className="text-slate-600">{challenge.summary}</p>
      </header>
      <ChallengeTabs slug={slug} canManage={canManage} />
      <section>{children}</section>
    </div>
  );
}
