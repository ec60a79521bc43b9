"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useReaderOf } from "@/app/_components/reader";
import { siteConfig } from "@/lib/site";

export function ChallengeTabs({ slug, canManage }: { slug: string; canManage: boolean }) {
  const active = useSelectedLayoutSegment() ?? "";
  // A shared render (the leaderboard) knows no reader: its personal request may say this one organises the challenge.
  const reader = useReaderOf(slug);
  const manages = canManage || reader?.canManage === true;
  const tabs = manages ? [...siteConfig.challengeTabs, { title: "Manage", segment: "manage" }] : siteConfig.challengeTabs;
  return (
    <nav className="flex gap-1 overflow-x-auto whitespace-nowrap border-b border-slate-200" aria-label="Challenge sections">
      {tabs.map((tab) => {
        const selected = tab.segment === active;
        return (
          <Link
            key={tab.segment}
            href={`/challenges/${slug}${tab.segment ? `/${tab.segment}` : ""}`}
            aria-current={selected ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm sm:px-4 ${
              selected ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {tab.title}
          </Link>
        );
      })}
    </nav>
  );
}
