"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { validatedAction } from "@/lib/action";
import { requireRole } from "@/lib/authz";
import { setVerificationRequired } from "@/lib/email-verification";

export const setVerificationAction = validatedAction(z.object({ required: z.enum(["true", "false"]) }), async ({ required }) => {
  await requireRole("admin");
  await setVerificationRequired(await getDb(), required === "true");
  revalidatePath("/admin/outbox");
  return {
    success:
      required === "true"
        ? "Verification is required: unverified accounts can no longer submit or join domain-limited classes."
        : "Verification is off: every account may submit.",
  };
});
