import { route } from "@/lib/api-error";
import { exportBundle } from "@/lib/bundles";
import { managedChallengeForApi } from "@/lib/challenge-access";

export const dynamic = "force-dynamic";

/** The challenge as a bundle (zip: manifest, data, answer key, secrets). Its organisers only: it holds the answers. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = await ctx.params;
  const { db, challenge } = await managedChallengeForApi(slug, req);
  const zip = await exportBundle(db, challenge.id);
  return new Response(Buffer.from(zip), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${slug}.zip"`,
      "Content-Length": String(zip.byteLength),
    },
  });
});
