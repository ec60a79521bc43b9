import type { ChallengeStatus } from "@/challenges/phase-status";

const STYLES: Record<ChallengeStatus, string> = {
  open: "bg-emerald-100 text-emerald-800",
  upcoming: "bg-amber-100 text-amber-800",
  ended: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: ChallengeStatus }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium uppercase ${STYLES[status]}`}>{status}</span>;
}
