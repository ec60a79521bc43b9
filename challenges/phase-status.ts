import type { SubmissionMode } from "./shared/model-contract";

export type ChallengeStatus = "upcoming" | "open" | "ended";

export interface PhaseWindow {
  name: string;
  startsAt: Date;
  endsAt: Date;
  /** What competitors upload in this phase (default "predictions"). */
  submissionMode?: SubmissionMode;
}

export interface StatusAt {
  status: ChallengeStatus;
  /** The phase accepting submissions now, if any. */
  current?: PhaseWindow;
  /** When the status next changes: the next opening, or the current closing. */
  changesAt?: Date;
}

/**
 * A challenge is open while any phase is; upcoming before its first phase
 * starts (or between phases); ended after its last phase.
 * Example: phases [Jan 1, Feb 1) at Jan 15 → { status: "open", changesAt: Feb 1 }.
 */
export function challengeStatus(phases: readonly PhaseWindow[], now: Date): StatusAt {
  const t = now.getTime();
  const current = phases.find((p) => p.startsAt.getTime() <= t && t < p.endsAt.getTime());
  if (current) return { status: "open", current, changesAt: current.endsAt };
  const next = phases.filter((p) => p.startsAt.getTime() > t).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (next) return { status: "upcoming", changesAt: next.startsAt };
  return { status: "ended" };
}

/** What revealing early does, told to organisers on the manage page and in the reveal API's answer. */
export const REVEAL_RULE =
  "Revealing the private leaderboard ends the challenge now: no submission is accepted after it, and the challenge cannot reopen.";

/**
 * Private scores are shown once the challenge has ended, never while it is open: an organiser's early reveal ends
 * the challenge (db/queries/challenges.ts revealPrivateLeaderboard), so no submission made after a reveal can show
 * a private score as if the competition were over. (A reveal recorded on a still-open challenge, possible before
 * that rule, shows nothing until the end.)
 */
export function isPrivateRevealed(state: StatusAt): boolean {
  return state.status === "ended";
}
