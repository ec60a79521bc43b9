import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { canManageChallenge } from "@/lib/authz";
import { exportBundle } from "@/lib/bundles";

export const dynamic = "force-dynamic";

/** The challenge as a bundle (zip: manifest, data, answer key, secrets). Its organisers only: it holds the answers. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { user } = await requireApiUser(req, "export a challenge");
  const db = await getDb();
  const challenge = await getChallengeBySlug(db, slug);
  if (!challenge || !(await canManageChallenge(db, challenge, user))) throw new ApiError(404, "not_found", `No challenge "${slug}" that you organise.`);
  const zip = await exportBundle(db, challenge.id);
  return new Response(Buffer.from(zip), {
    headers: { "Content-Type": "application/zip", "Content-Disposition": `attachment; filename="${slug}.zip"`, "Content-Length": String(zip.byteLength) },
  });
});
