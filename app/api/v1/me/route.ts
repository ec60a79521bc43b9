import { NextResponse } from "next/server";
import { requireApiUser } from "@/lib/api-auth";
import { route } from "@/lib/api-error";
import type { z } from "zod";
import type { userSchema } from "@/lib/api/v1/schemas";

export const dynamic = "force-dynamic";

/** Who the token (or session) belongs to: the CLI's `login` checks a token with this. */
export const GET = route(async (req: Request) => {
  const { user } = await requireApiUser(req, "see your account");
  const body: z.infer<typeof userSchema> = { id: user.id, name: user.name, email: user.email, role: user.role };
  return NextResponse.json({ user: body });
});
