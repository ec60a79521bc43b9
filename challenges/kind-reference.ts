/**
 * A kind's generated reference sections (features, files, metric, submission format, leaderboards) are facts of
 * the platform, not prose: an organiser's own description replaces the introduction, never these. They are cut
 * from the kind's standard description by their headings (the kind's `reference`).
 */
import { findKind } from "./index";

/** The kind's reference sections, each "## …" section whole, in their order; "" for an unknown kind. */
export function kindReference(kind: string): string {
  const k = findKind(kind);
  if (!k) return "";
  const sections = k.description.split(/\n(?=## )/);
  return sections
    .filter((s) => k.reference.test(s))
    .join("\n")
    .trim();
}

/**
 * What a challenge page shows: the stored description, followed by the kind's reference sections unless the
 * description already carries every one of them (the standard text, or an organiser who kept them).
 */
export function descriptionWithReference(kind: string, description: string): { description: string; reference: string | null } {
  const reference = kindReference(kind);
  if (!reference) return { description, reference: null };
  const headings = reference.split("\n").filter((l) => l.startsWith("## "));
  const kept = headings.every((h) => description.split("\n").some((l) => l.trim() === h.trim()));
  return { description, reference: kept ? null : reference };
}
