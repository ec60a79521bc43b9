import { gunzipSync } from "node:zlib";
import { NextResponse } from "next/server";
import { z } from "zod";
import { CHALLENGE_KINDS } from "@/challenges";
import { MIN_CONTROL_EVENTS } from "@/challenges/anomaly-detection";
import { UploadError } from "@/challenges/kind";
import { createChallengeWithDataset } from "@/lib/challenges/create-challenge";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { importLhcoChallenge } from "@/lib/challenges/import-lhco";
import { prepareHiggsImport, storeHiggsImport } from "@/lib/challenges/import-higgs";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { hasRole } from "@/lib/authz";
import { env } from "@/lib/env";
import { readMultipart, type MultipartBody } from "@/lib/upload-body";
import { tooLarge } from "@/lib/uploads";
import { SLUG_PATTERN } from "@/lib/validations/challenge";
import { CsvFormatError } from "@/scoring/errors";

export const dynamic = "force-dynamic";

/** Kinds that make a challenge from an organiser's own files (challenges/<kind>/kind.ts `upload`), by id. */
const UPLOAD_KINDS = new Map(CHALLENGE_KINDS.flatMap((k) => (k.upload ? [[k.id, k] as const] : [])));
const IMPORTERS = ["higgs-cern", "higgs-kaggle", "lhco", ...UPLOAD_KINDS.keys()] as [string, ...string[]];
const DAY_MS = 86_400_000;

const fieldsSchema = z.object({
  kind: z.enum(IMPORTERS, {
    message: `kind must be "higgs-cern" (the CERN open-data HiggsML file), "higgs-kaggle" (training, test and solution CSVs), "lhco" (LHC Olympics R&D train and test files)${[...UPLOAD_KINDS.values()].map((k) => ` or "${k.id}" (${k.upload!.label})`).join("")}`,
  }),
  slug: z.string().trim().toLowerCase().regex(SLUG_PATTERN, "slug: use 3–50 lower-case letters, digits and dashes"),
  title: z.string().trim().min(3, "title: 3 characters or more").max(120),
});

/** A multipart file's bytes, decompressed when gzip (the real files come as .csv.gz). */
async function fileBytes(form: MultipartBody, name: string, maxBytes: number): Promise<{ bytes: Uint8Array; name: string }> {
  const file = form.files.get(name);
  if (!file || file.bytes.byteLength === 0) throw new ApiError(400, "empty_file", `Attach the ${name} file.`);
  const raw = file.bytes;
  const isGzip = raw[0] === 0x1f && raw[1] === 0x8b;
  try {
    // A gzip bomb stops at the size the importers accept anyway.
    return { bytes: isGzip ? gunzipSync(raw, { maxOutputLength: maxBytes * 8 }) : raw, name: file.name };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(maxBytes * 8);
    throw new ApiError(400, "bad_gzip", `${file.name} looks gzip-compressed but cannot be decompressed.`);
  }
}

/**
 * Creates a challenge from real data files uploaded by an organiser (multipart: kind, slug, title and the files):
 * the CERN open-data HiggsML file (`file`, with its own train / Public / Private split), Kaggle-format CSVs
 * (`training` with Weight and Label, `test`, `solution` with Usage), or the LHC Olympics R&D features (`train`, `test`). Every file is checked completely before anything is written.
 */
export const POST = route(async (req: Request) => {
  const { user } = await requireApiUser(req, "import data");
  if (!hasRole(user, "organiser")) throw new ApiError(403, "forbidden", "Only organisers can create challenges.");
  const maxBytes = env().MAX_UPLOAD_MB * 1024 * 1024;
  const form = await readMultipart(req, maxBytes).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 413) throw err;
    throw new ApiError(400, "bad_request", "Send multipart/form-data with kind, slug, title and the files.");
  });
  const fields = fieldsSchema.safeParse(Object.fromEntries(["kind", "slug", "title"].map((k) => [k, form.fields.get(k)])));
  if (!fields.success) throw new ApiError(400, "bad_request", fields.error.issues.map((i) => i.message).join("; "));
  const { kind, slug, title } = fields.data;
  const db = await getDb();
  // The importing organiser runs the new challenge.
  const settings = { createdBy: user.id };
  if (await getChallengeBySlug(db, slug)) throw new ApiError(409, "slug_taken", `The address /challenges/${slug} is taken: choose another slug.`);
  try {
    const uploadKind = UPLOAD_KINDS.get(kind);
    if (uploadKind?.upload) {
      const { upload } = uploadKind;
      const files: Record<string, Uint8Array> = {};
      for (const f of upload.files) files[f.name] = (await fileBytes(form, f.name, maxBytes)).bytes;
      const prepared = await upload.prepare({ files, fields: Object.fromEntries(upload.fields.map((f) => [f.name, form.fields.get(f.name)])) });
      await createChallengeWithDataset(
        db,
        {
          slug,
          kind: uploadKind.id,
          title,
          summary: "",
          description: uploadKind.description,
          metricId: prepared.metricId,
          config: prepared.config,
          phases: (now) => [{ name: "Main", startsAt: now, endsAt: new Date(now.getTime() + 90 * DAY_MS) }],
          settings,
        },
        prepared.data,
      );
    } else if (kind === "higgs-cern") {
      const { bytes, name } = await fileBytes(form, "file", maxBytes);
      // The file's own Kaggle split, as `npm run import:higgs -- --cern` does (the CLI can re-split with a seed).
      const prepared = await prepareHiggsImport({ format: "cern", file: bytes, fileName: name }, maxBytes * 8);
      await storeHiggsImport(db, prepared, { slug, title, settings });
    } else if (kind === "higgs-kaggle") {
      const [training, test, solution] = [await fileBytes(form, "training", maxBytes), await fileBytes(form, "test", maxBytes), await fileBytes(form, "solution", maxBytes)];
      const prepared = await prepareHiggsImport(
        { format: "kaggle", training: training.bytes, test: test.bytes, solution: solution.bytes, fileNames: { training: training.name, test: test.name, solution: solution.name } },
        maxBytes * 8,
      );
      await storeHiggsImport(db, prepared, { slug, title, settings });
    } else {
      const train = await fileBytes(form, "train", maxBytes);
      const test = await fileBytes(form, "test", maxBytes);
      const text = (b: Uint8Array) => [new TextDecoder().decode(b)];
      await importLhcoChallenge(db, { train: text(train.bytes), test: text(test.bytes), trainName: train.name, testName: test.name }, { slug, title, settings, controlEvents: Number(form.fields.get("control") ?? MIN_CONTROL_EVENTS) });
    }
  } catch (err) {
    if (err instanceof CsvFormatError) throw new ApiError(400, "bad_file", err.message, err.problems[0]?.line ?? undefined);
    if (err instanceof UploadError) throw new ApiError(400, "bad_file", err.message, err.issues[0]?.line ?? undefined);
    if (err instanceof RangeError) throw new ApiError(400, "bad_request", err.message);
    throw err;
  }
  return NextResponse.json({ challenge: { slug, url: `/challenges/${slug}` } }, { status: 201 });
});
