"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { createApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { newTokenSchema } from "@/lib/api/v1/schemas";
import { validatedAction } from "@/lib/action";
import { requireUser } from "@/lib/authz";

export const createTokenAction = validatedAction(newTokenSchema, async ({ name }) => {
  const user = await requireUser("/profile");
  const { token } = await createApiToken(await getDb(), user.id, name);
  revalidatePath("/profile");
  return { success: `Token "${name}" created. Copy it now: it is not shown again.`, secret: token };
});

export const revokeTokenAction = validatedAction(z.object({ id: z.coerce.number().int().positive() }), async ({ id }) => {
  const user = await requireUser("/profile");
  if (!(await revokeApiToken(await getDb(), user.id, id))) return { error: "No such token of yours (already revoked?)." };
  revalidatePath("/profile");
  return { success: "Token revoked." };
});
