import { MODEL_TEST_FILE, type SubmissionMode, testFeaturesHidden } from "@/challenges/shared/model-contract";
import { getDb, type Db } from "@/db";
import { getDatasetFile, listDatasetFiles } from "@/db/queries/datasets";
import { ApiError } from "./api-error";

type WithPhases = { id: number; slug: string; phases: { endsAt: Date; submissionMode?: SubmissionMode }[] };

const hidden = (challenge: WithPhases, filename: string) => filename === MODEL_TEST_FILE && testFeaturesHidden(challenge.phases, new Date());

/** The files competitors may download now: all but test.csv while a "models" phase keeps the test features hidden. */
export async function visibleDatasetFiles(db: Db, challenge: WithPhases) {
  return (await listDatasetFiles(db, challenge.id)).filter((f) => !hidden(challenge, f.filename));
}

/** A dataset file as stored: gzip bytes, named `<file>.gz`, with the uncompressed content's SHA-256. */
export async function datasetFileResponse(challenge: WithPhases, file: string): Promise<Response> {
  if (hidden(challenge, file)) {
    throw new ApiError(403, "hidden", `${file} is hidden while this challenge takes ONNX models: upload a model and the server runs it on these features.`);
  }
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
