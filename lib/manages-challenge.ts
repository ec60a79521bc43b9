import type { Challenge, Role } from "@/db/schema";

/**
 * Who manages a challenge (lib/authz.ts canManageChallenge): admins, its creator while an organiser, and its
 * co-organisers, asked last and only when needed. Kept apart from authz so that the start script can use it too.
 */
export async function managesChallenge(
  challenge: Pick<Challenge, "createdBy">,
  user: { id: string; role: Role },
  coOrganiser: () => boolean | Promise<boolean>,
): Promise<boolean> {
  if (user.role === "admin") return true;
  if (challenge.createdBy === user.id && user.role === "organiser") return true;
  return coOrganiser();
}
