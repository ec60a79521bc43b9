import { gunzipSync } from "node:zlib";
import { workedExampleFile } from "@/db/queries/worked-examples";
import { ApiError, route } from "@/lib/api-error";
import { challengeForApi } from "@/lib/challenge-access";

export const dynamic = "force-dynamic";

/** A worked example (a baseline exported to ONNX) for anyone who can see the challenge; sent decompressed. */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = await ctx.params;
  const { db, challenge } = await challengeForApi(slug, req);
  const submissionId = /^\d{1,9}$/.test(id) ? Number(id) : NaN;
  const file = Number.isSafeInteger(submissionId) ? await workedExampleFile(db, challenge.id, submissionId) : undefined;
  if (!file) throw new ApiError(404, "not_found", `No worked example ${id} in ${slug}`);
  const name = `${slug}-${file.filename}`.replace(/[^\w.+-]/g, "_");
  return new Response(gunzipSync(file.gz), {
    headers: { "Content-Type": "application/octet-stream", "Content-Disposition": `attachment; filename="${name}"` },
  });
});
