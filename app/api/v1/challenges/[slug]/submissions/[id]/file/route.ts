import { gunzipSync } from "node:zlib";
import { getSubmissionFile } from "@/db/queries/submissions";
import { ApiError, route } from "@/lib/api-error";
import { visibleSubmission } from "../access";

export const dynamic = "force-dynamic";

/**
 * The file as it was submitted (decompressed; a design in its canonical form), for its team or the organisers.
 * Sent decompressed: a browser saves a gzip-encoded download as the raw gzip bytes under the plain name.
 */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string; id: string }> }) => {
  const { slug, id } = await ctx.params;
  const { db, row } = await visibleSubmission(req, slug, id, "download a submission");
  const gz = await getSubmissionFile(db, row.submission.id);
  if (!gz) throw new ApiError(404, "not_found", `Submission ${id} has no stored file.`);
  const s = row.submission;
  const name = s.filename.replace(/\.gz$/i, "").replace(/[^\w.+-]/g, "_") || `submission-${s.id}`;
  const type = s.format === "model" ? "application/octet-stream" : name.endsWith(".json") ? "application/json" : "text/csv; charset=utf-8";
  return new Response(gunzipSync(gz), {
    headers: {
      "Content-Type": type,
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
});
