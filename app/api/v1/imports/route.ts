import { gunzipSync } from "node:zlib";
import { NextResponse } from "next/server";
import { z } from "zod";
import { findUpload, KIND_UPLOADS } from "@/challenges";
import { UploadError } from "@/challenges/kind";
import { getDb } from "@/db";
import { getChallengeBySlug } from "@/db/queries/challenges";
import { requireApiUser } from "@/lib/api-auth";
import { ApiError, route } from "@/lib/api-error";
import { hasRole } from "@/lib/authz";
import { prepareUpload, storeUpload } from "@/lib/challenges/import-upload";
import { env } from "@/lib/env";
import { readMultipart, type MultipartBody } from "@/lib/upload-body";
import { tooLarge } from "@/lib/uploads";
import { SLUG_PATTERN } from "@/lib/validations/challenge";
import { CsvFormatError } from "@/scoring/parsing/errors";

export const dynamic = "force-dynamic";

/** Every kind's uploads by id (challenges/<kind>/kind.ts `uploads`): the form's `kind` field names one. */
const UPLOAD_IDS = KIND_UPLOADS.map((u) => u.upload.id) as [string, ...string[]];

const fieldsSchema = z.object({
  kind: z.enum(UPLOAD_IDS, {
    message: `kind must be ${KIND_UPLOADS.map((u) => `"${u.upload.id}" (${u.upload.label})`).join(", ")}`,
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
 * Creates a challenge from real data files uploaded by an organiser (multipart: kind, slug, title, and the files and
 * fields the chosen upload declares), e.g. the CERN open-data HiggsML file, Kaggle-format CSVs, the LHC Olympics
 * R&D features or a tabular challenge's three files. Every file is checked completely before anything is written.
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
  const { upload } = findUpload(kind)!;
  const db = await getDb();
  if (await getChallengeBySlug(db, slug))
    throw new ApiError(409, "slug_taken", `The address /challenges/${slug} is taken: choose another slug.`);
  try {
    const files: Record<string, Uint8Array> = {};
    const fileNames: Record<string, string> = {};
    for (const f of upload.files) {
      const file = await fileBytes(form, f.name, maxBytes);
      files[f.name] = file.bytes;
      fileNames[f.name] = file.name;
    }
    const fieldValues = Object.fromEntries(upload.fields.map((f) => [f.name, form.fields.get(f.name)]));
    const prepared = await prepareUpload(upload, { files, fileNames, fields: fieldValues, maxBytes: maxBytes * 8 });
    // The importing organiser runs the new challenge.
    await storeUpload(db, prepared, { slug, title, settings: { createdBy: user.id } });
  } catch (err) {
    if (err instanceof CsvFormatError) throw new ApiError(400, "bad_file", err.message, err.problems[0]?.line ?? undefined);
    if (err instanceof UploadError) throw new ApiError(400, "bad_file", err.message, err.issues[0]?.line ?? undefined);
    if (err instanceof RangeError) throw new ApiError(400, "bad_request", err.message);
    throw err;
  }
  return NextResponse.json({ challenge: { slug, url: `/challenges/${slug}` } }, { status: 201 });
});
