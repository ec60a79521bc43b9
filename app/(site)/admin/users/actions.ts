"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { roleEnum } from "@/db/schema";
import { validatedAction } from "@/lib/action";
import { changeRole, endSessions, requireRole } from "@/lib/authz";

export const setRoleAction = validatedAction(
  z.object({ userId: z.string().min(1), role: z.enum(roleEnum.enumValues) }),
  async ({ userId, role }) => {
    const admin = await requireRole("admin");
    // An admin who demotes themself could leave the site without one.
    if (userId === admin.id && role !== "admin") return { error: "You cannot take away your own admin role." };
    await changeRole(await getDb(), userId, role);
    revalidatePath("/admin/users");
    return { success: `Role set to ${role}.` };
  },
);

/** "Sign out everywhere": a lost laptop, a leaked cookie. The account's every session ends on its next request. */
export const signOutEverywhereAction = validatedAction(z.object({ userId: z.string().min(1) }), async ({ userId }) => {
  await requireRole("admin");
  await endSessions(await getDb(), userId);
  return { success: "Signed out everywhere." };
});
