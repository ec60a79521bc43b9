import { route } from "@/lib/api-error";
import { challengeForApi } from "@/lib/challenge-access";
import { datasetFileResponse } from "@/lib/data-files";

export const dynamic = "force-dynamic";

/** Downloads one data file, gzip-compressed as stored (`X-Content-SHA256` = SHA-256 of the uncompressed file). */
export const GET = route(async (req: Request, ctx: { params: Promise<{ slug: string; file: string }> }) => {
  const { slug, file } = await ctx.params;
  const { challenge } = await challengeForApi(slug, req);
  return datasetFileResponse(challenge, file);
});
