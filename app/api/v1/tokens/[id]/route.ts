import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { revokeApiToken } from "@/db/queries/api-tokens";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";

/** Revokes one of your tokens. A token may revoke itself (a script cleaning up), not others. */
export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const { user, tokenId } = await requireApiUser(req, "revoke a token");
  const id = Number.parseInt((await ctx.params).id, 10);
  if (tokenId !== undefined && tokenId !== id)
    throw new ApiError(403, "session_required", "A token can revoke only itself; sign in on the site to revoke others.");
  if (!Number.isInteger(id) || !(await revokeApiToken(await getDb(), user.id, id)))
    throw new ApiError(404, "not_found", "No such live token of yours.");
  return NextResponse.json({ ok: true });
});
