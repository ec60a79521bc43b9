import { Readable } from "node:stream";
import busboy from "busboy";
import { ApiError } from "./api-error";
import { readBodyLimited, tooLarge } from "./uploads";

export interface MultipartFile {
  name: string;
  bytes: Uint8Array;
}

export interface MultipartBody {
  fields: Map<string, string>;
  files: Map<string, MultipartFile>;
}

/** Multipart framing (boundaries, part headers, text fields) on top of the files' bytes. */
const FRAMING_BYTES = 64 * 1024;

/**
 * Reads a multipart/form-data body as it streams in (busboy), never more than `maxBytes` of it: past that the
 * request is cut off with 413, whether or not it declared a Content-Length (a chunked 600 MiB upload is read only up
 * to the limit). `Request.formData()` would buffer the whole body first.
 */
export async function readMultipart(req: Request, maxBytes: number): Promise<MultipartBody> {
  const type = req.headers.get("content-type") ?? "";
  if (!req.body || !type.startsWith("multipart/form-data")) throw new ApiError(400, "bad_request", "Send multipart/form-data.");
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes + FRAMING_BYTES) throw tooLarge(maxBytes);
  let parser: busboy.Busboy;
  try {
    parser = busboy({ headers: { "content-type": type }, limits: { fileSize: maxBytes, fieldSize: 64 * 1024, fields: 50, files: 10 } });
  } catch (err) {
    throw new ApiError(400, "bad_request", `Malformed multipart body: ${(err as Error).message}.`);
  }
  const fields = new Map<string, string>();
  const files = new Map<string, MultipartFile>();
  const reader = req.body.getReader();
  let total = 0;
  const source = new Readable({
    async read() {
      try {
        const { done, value } = await reader.read();
        if (done) return void this.push(null);
        total += value.byteLength;
        if (total > maxBytes + FRAMING_BYTES) {
          await reader.cancel();
          return void this.destroy(tooLarge(maxBytes));
        }
        this.push(value);
      } catch (err) {
        this.destroy(err as Error);
      }
    },
  });
  return new Promise<MultipartBody>((resolve, reject) => {
    const fail = (err: unknown) => {
      source.unpipe(parser);
      source.destroy();
      reject(err instanceof ApiError ? err : new ApiError(400, "bad_request", `Malformed multipart body: ${(err as Error).message}.`));
    };
    source.on("error", fail);
    parser.on("error", fail);
    parser.on("field", (name, value) => fields.set(name, value));
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => fail(tooLarge(maxBytes)));
      stream.on("end", () => files.set(name, { name: info.filename ?? name, bytes: Buffer.concat(chunks) }));
    });
    parser.on("close", () => resolve({ fields, files }));
    source.pipe(parser);
  });
}

/** A header value the client URI-encoded (X-Filename, X-Description); a malformed %-escape is the client's error. */
function decodedHeader(req: Request, name: string, fallback: string): string {
  const raw = req.headers.get(name);
  if (raw === null) return fallback;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError(400, "bad_request", `The ${name} header is not valid URI encoding (a % must start an escape such as %20).`);
  }
}

/**
 * A submission upload, either way it may come: multipart with `file` and `description` (the browser form), or
 * the file as the raw body with its name in `X-Filename` and an optional `X-Description`, URI-encoded (the CLI).
 */
export async function readSubmissionBody(
  req: Request,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; filename: string; description: string }> {
  if ((req.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
    const form = await readMultipart(req, maxBytes);
    const file = form.files.get("file");
    if (!file) throw new ApiError(400, "empty_file", "Choose a .csv or .csv.gz file to upload.");
    return { bytes: file.bytes, filename: file.name, description: form.fields.get("description") ?? "" };
  }
  const filename = decodedHeader(req, "x-filename", "submission.csv");
  const description = decodedHeader(req, "x-description", "");
  return { bytes: await readBodyLimited(req.body, maxBytes), filename, description };
}
