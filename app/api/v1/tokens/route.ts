import { NextResponse } from "next/server";
import { getDb } from "@/db";
import { createApiToken, listApiTokens } from "@/db/queries/api-tokens";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { readJsonBody } from "@/lib/csrf";
import { presentToken } from "@/lib/api/v1/present";
import { newTokenSchema } from "@/lib/api/v1/schemas";

export const dynamic = "force-dynamic";

/** Tokens are managed from a browser session: a leaked token must not be able to mint more. */
async function sessionUser(req: Request) {
  const id = await requireApiUser(req, "manage API tokens");
  if (id.tokenId !== undefined)
    throw new ApiError(403, "session_required", "API tokens can only be managed while signed in on the site, not with a token.");
  return id.user;
}

export const GET = route(async (req: Request) => {
  const user = await sessionUser(req);
  return NextResponse.json({ tokens: (await listApiTokens(await getDb(), user.id)).map(presentToken) });
});

export const POST = route(async (req: Request) => {
  const user = await sessionUser(req);
  const parsed = newTokenSchema.safeParse(await readJsonBody(req, '{"name": "laptop"}'));
  if (!parsed.success) throw new ApiError(400, "bad_request", parsed.error.issues[0]?.message ?? 'Send JSON {"name": "…"}.');
  const { token, summary } = await createApiToken(await getDb(), user.id, parsed.data.name);
  return NextResponse.json({ token, summary: presentToken(summary) }, { status: 201 });
});
