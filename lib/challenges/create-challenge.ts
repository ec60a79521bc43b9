import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type { BuiltInChallenge, GeneratedDataset, GeneratedFile } from "@/challenges/built-in";
import { KEY_BYTES } from "@/challenges/shared/chacha20";
import type { Db } from "@/db/client";
import { insertChallenge, type NewChallenge } from "@/db/queries/challenges";
import { insertDataset } from "@/db/queries/datasets";

/** Streams a generated file through gzip and SHA-256 chunk by chunk: the text never exists whole. */
async function compress(file: GeneratedFile) {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const gzip = createGzip({ level: 6 });
  const out: Buffer[] = [];
  gzip.on("data", (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  for await (const chunk of Readable.from(file.chunks)) {
    const bytes = Buffer.from(chunk as string, "utf8");
    hash.update(bytes);
    sizeBytes += bytes.byteLength;
    if (!gzip.write(bytes)) await new Promise((r) => gzip.once("drain", r));
  }
  gzip.end();
  await done;
  return { gzipContent: Buffer.concat(out), sizeBytes, sha256: hash.digest("hex") };
}

/**
 * 32 bytes from the OS's CSPRNG: the key a simulated dataset is generated from (challenges/shared/random.ts).
 * 256 bits, so no search over keys can rebuild the data from its public files; kept only in the dataset's
 * server-only secrets.
 */
export function freshDataKey(): Uint8Array {
  return new Uint8Array(randomBytes(KEY_BYTES));
}

/** Settings an organiser chooses; built-in challenges take the schema's defaults. */
export type ChallengeSettings = Partial<
  Pick<
    NewChallenge,
    | "visibility"
    | "joinCode"
    | "allowedEmailDomains"
    | "dailySubmissionLimit"
    | "maxTeamSize"
    | "finalSelections"
    | "publicFraction"
    | "createdBy"
    | "modelMaxMb"
    | "latencyBudgetMs"
  >
>;

export type ChallengeSpec = Omit<BuiltInChallenge, "generate"> & { settings?: ChallengeSettings };

/**
 * Creates a challenge with its phases, downloadable files and private answer
 * key in one transaction: all or nothing. Used for built-in challenges and imports.
 */
export async function createChallengeWithDataset(db: Db, spec: ChallengeSpec, data: GeneratedDataset, now = new Date()) {
  // Compress before the transaction so it stays short.
  const files = await compressFiles(data);
  return db.transaction(async (tx) => {
    const challenge = await insertChallenge(
      tx as unknown as Db,
      {
        slug: spec.slug,
        kind: spec.kind,
        title: spec.title,
        summary: spec.summary,
        description: spec.description,
        metricId: spec.metricId,
        config: spec.config,
        ...spec.settings,
      },
      spec.phases(now),
    );
    await storeDataset(tx as unknown as Db, challenge.id, data, files);
    return challenge;
  });
}

type CompressedFile = GeneratedFile & Awaited<ReturnType<typeof compress>>;

/** Compresses a dataset's files, outside any transaction (it is the slow part). */
export async function compressFiles(data: GeneratedDataset): Promise<CompressedFile[]> {
  const files: CompressedFile[] = [];
  for (const f of data.files) files.push({ ...f, ...(await compress(f)) });
  return files;
}

/** Stores a dataset version for a challenge: the newest is the current one. */
export async function storeDataset(db: Db, challengeId: number, data: GeneratedDataset, files: CompressedFile[]): Promise<number> {
  // The key's target travels in the manifest, where the scorer reads it (answerKeyTarget).
  const target = data.solution.target;
  const manifest = target && target.type !== "binary" ? { ...data.manifest, target } : data.manifest;
  return insertDataset(db, { challengeId, manifest, secrets: data.secrets ?? {}, files, solution: data.solution });
}
