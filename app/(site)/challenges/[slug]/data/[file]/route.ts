import { getDb } from "@/db";
import { getDatasetFile } from "@/db/queries/datasets";
import { ApiError, route } from "@/lib/api-error";
import { loadChallenge } from "../../load";

export const dynamic = "force-dynamic";

/** Sends a dataset file as stored: gzip bytes, named `<file>.gz`. */
export const GET = route(async (_req: Request, ctx: { params: Promise<{ slug: string; file: string }> }) => {
  const { slug, file } = await ctx.params;
  const { challenge } = await loadChallenge(slug);
  const row = await getDatasetFile(await getDb(), challenge.id, file);
  if (!row) throw new ApiError(404, "not_found", `No file ${file} in ${slug}`);
  return new Response(Buffer.from(row.gzipContent), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Disposition": `attachment; filename="${row.filename}.gz"`,
      "Content-Length": String(row.gzipContent.byteLength),
      "X-Content-SHA256": row.sha256,
    },
  });
});
