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
  const next = phases
    .filter((p) => p.startsAt.getTime() > t)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  if (next) return { status: "upcoming", changesAt: next.startsAt };
  return { status: "ended" };
}

/** Private scores are shown once the challenge has ended, or earlier if an organiser revealed them by hand. */
export function isPrivateRevealed(state: StatusAt, privateRevealedAt: Date | null): boolean {
  return state.status === "ended" || privateRevealedAt !== null;
}
