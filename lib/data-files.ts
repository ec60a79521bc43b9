import { getDb } from "@/db";
import { getDatasetFile } from "@/db/queries/datasets";
import { ApiError } from "./api-error";

/** A dataset file as stored: gzip bytes, named `<file>.gz`, with the uncompressed content's SHA-256. */
export async function datasetFileResponse(challenge: { id: number; slug: string }, file: string): Promise<Response> {
  const row = await getDatasetFile(await getDb(), challenge.id, file);
  if (!row) throw new ApiError(404, "not_found", `No file ${file} in ${challenge.slug}`);
  return new Response(Buffer.from(row.gzipContent), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Disposition": `attachment; filename="${row.filename}.gz"`,
      "Content-Length": String(row.gzipContent.byteLength),
      "X-Content-SHA256": row.sha256,
    },
  });
}
