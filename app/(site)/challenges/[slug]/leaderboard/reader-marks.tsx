"use client";

import type { ReactNode } from "react";
import { LoadReader, useReaderOf } from "@/app/_components/reader";
import { YourStanding } from "../your-standing";

/**
 * The leaderboard is one shared render (cached for every reader); these mark it for the reader once their personal
 * request (LoadReader) answers: "your rank" above the table, their row highlighted, "your team" beside its name.
 */
export function ReaderStanding({ slug }: { slug: string }) {
  const reader = useReaderOf(slug);
  return (
    <>
      <LoadReader slug={slug} />
      {reader?.user && (
        <YourStanding slug={slug} mine={{ teamName: reader.team?.name ?? null, standing: reader.standing, precision: reader.precision }} />
      )}
    </>
  );
}

export function BoardRow({ slug, teamId, children }: { slug: string; teamId: number; children: ReactNode }) {
  const mine = useReaderOf(slug)?.team?.id === teamId;
  return (
    <tr
      className={`border-b border-slate-200 ${mine ? "bg-amber-50 font-semibold" : ""}`}
      aria-current={mine ? "true" : undefined}
      data-testid={mine ? "my-row" : undefined}
    >
      {children}
    </tr>
  );
}

export function YourTeamBadge({ slug, teamId }: { slug: string; teamId: number }) {
  if (useReaderOf(slug)?.team?.id !== teamId) return null;
  return <span className="ml-2 rounded bg-amber-200 px-1.5 text-xs font-normal">your team</span>;
}
