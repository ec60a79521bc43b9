import { createHash } from "node:crypto";
import { constants, gunzipSync, gzipSync } from "node:zlib";
import { modelContract } from "@/challenges";
import { MODEL_TEST_FILE, type SubmissionMode, testFeaturesHidden } from "@/challenges/shared/model-contract";
import { VALIDATION_SAMPLE_FILE, validationSampleCsv } from "@/challenges/shared/validation-sample";
import { getDb, type Db } from "@/db";
import { getDatasetFile, listDatasetFiles } from "@/db/queries/datasets";
import { ApiError } from "./api-error";

type WithPhases = { id: number; slug: string; kind: string; phases: { endsAt: Date; submissionMode?: SubmissionMode }[] };

const testHidden = (challenge: WithPhases) => testFeaturesHidden(challenge.phases, new Date());
const hidden = (challenge: WithPhases, filename: string) => filename === MODEL_TEST_FILE && testHidden(challenge);

/** A dataset file as served: its gzip bytes and what the listing shows. */
interface ServedFile {
  filename: string;
  description: string;
  sizeBytes: number;
  gzipBytes: number;
  rows: number;
  sha256: string;
  gzipContent: Uint8Array;
}

/** Compressed bytes read from the training file's start: enough for the sample's 1,000 rows of any kind here. */
const TRAINING_PREFIX_BYTES = 512 * 1024;
/** Samples by the training file's content hash (datasets never change in place, so a hash never goes stale). */
const samples = new Map<string, ServedFile>();

/**
 * The public validation sample (challenges/shared/validation-sample.ts), built from the training file while a
 * "models" phase hides test.csv; undefined otherwise or when the kind takes no models or has no training file.
 */
async function validationSample(
  db: Db,
  challenge: WithPhases,
  files: { filename: string; sha256: string }[],
): Promise<ServedFile | undefined> {
  const contract = modelContract(challenge.kind);
  const training = files.find((f) => /^train(ing)?\.csv$/.test(f.filename));
  // An organiser's own file of that name wins.
  if (!contract || !training || !testHidden(challenge) || files.some((f) => f.filename === VALIDATION_SAMPLE_FILE)) return undefined;
  const cached = samples.get(training.sha256);
  if (cached) return cached;
  const row = await getDatasetFile(db, challenge.id, training.filename);
  if (!row) return undefined;
  // A prefix of the gzip stream inflates as far as it goes (sync flush, no end-of-stream check).
  const prefix = gunzipSync(row.gzipContent.subarray(0, TRAINING_PREFIX_BYTES), { finishFlush: constants.Z_SYNC_FLUSH });
  const { csv, rows } = validationSampleCsv(new TextDecoder().decode(prefix), contract.features);
  const bytes = Buffer.from(csv, "utf8");
  const gzipContent = gzipSync(bytes);
  const sample: ServedFile = {
    filename: VALIDATION_SAMPLE_FILE,
    description: `Public validation sample: the first ${rows.toLocaleString("en")} training events in test.csv's format (EventId and the features, no labels): run your model on it to check its input before uploading`,
    sizeBytes: bytes.byteLength,
    gzipBytes: gzipContent.byteLength,
    rows,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    gzipContent,
  };
  if (samples.size > 100) samples.clear();
  samples.set(training.sha256, sample);
  return sample;
}

/**
 * The files competitors may download now: all but test.csv while a "models" phase keeps the test features hidden,
 * and then the public validation sample in its place.
 */
export async function visibleDatasetFiles(db: Db, challenge: WithPhases) {
  const files = await listDatasetFiles(db, challenge.id);
  const sample = await validationSample(db, challenge, files);
  const visible = files.filter((f) => !hidden(challenge, f.filename));
  if (!sample) return visible;
  const { gzipContent: _bytes, ...listed } = sample;
  return [...visible, listed];
}

/** A dataset file as stored: gzip bytes, named `<file>.gz`, with the uncompressed content's SHA-256. */
export async function datasetFileResponse(challenge: WithPhases, file: string): Promise<Response> {
  if (hidden(challenge, file)) {
    throw new ApiError(
      403,
      "hidden",
      `${file} is hidden while this challenge takes ONNX models: upload a model and the server runs it on these features.`,
    );
  }
  const db = await getDb();
  const sample =
    file === VALIDATION_SAMPLE_FILE ? await validationSample(db, challenge, await listDatasetFiles(db, challenge.id)) : undefined;
  const row = sample ?? (await getDatasetFile(db, challenge.id, file));
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
