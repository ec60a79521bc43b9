"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { setUserRole } from "@/db/queries/users";
import { roleEnum } from "@/db/schema";
import { validatedAction } from "@/lib/action";
import { requireRole } from "@/lib/authz";

export const setRoleAction = validatedAction(z.object({ userId: z.string().min(1), role: z.enum(roleEnum.enumValues) }), async ({ userId, role }) => {
  const admin = await requireRole("admin");
  // An admin who demotes themself could leave the site without one.
  if (userId === admin.id && role !== "admin") return { error: "You cannot take away your own admin role." };
  await setUserRole(await getDb(), userId, role);
  revalidatePath("/admin/users");
  return { success: `Role set to ${role}.` };
});
