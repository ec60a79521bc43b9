import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { CliError, EXIT, exitCodeFor } from "./errors";

type ErrorBody = { error?: { code?: string; message?: string; line?: number } };

/** A thin client of /api/v1: every failure becomes a CliError with the API's message and a stable exit code. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string | undefined,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}), ...extra };
  }

  url(p: string): string {
    return p.startsWith("/api/") ? this.baseUrl + p : `${this.baseUrl}/api/v1${p}`;
  }

  async request(p: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(this.url(p), { ...init, headers: this.headers(init.headers as Record<string, string>) });
    } catch (err) {
      throw new CliError(`Cannot reach ${this.baseUrl}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`, EXIT.network);
    }
    if (!res.ok) await throwApiError(res.status, await res.text());
    return res;
  }

  async json<T>(p: string, init: RequestInit = {}): Promise<T> {
    return (await (await this.request(p, init)).json()) as T;
  }

  /**
   * Streams a file as the raw request body with a known length (so an oversized file is
   * refused at once), reporting bytes sent. node:http rather than fetch, which cannot
   * report upload progress.
   */
  async upload(p: string, file: string, description: string, onProgress: (sent: number, total: number) => void): Promise<unknown> {
    const total = (await stat(file).catch(() => {
      throw new CliError(`No such file: ${file}`, EXIT.usage);
    })).size;
    const target = new URL(this.url(p));
    const transport = target.protocol === "https:" ? https : http;
    const headers = this.headers({
      // The server takes a *.onnx file name as an ONNX model, anything else as predictions (or a design).
      "Content-Type": file.endsWith(".gz") ? "application/gzip" : file.endsWith(".onnx") ? "application/octet-stream" : "text/csv",
      "Content-Length": String(total),
      "X-Filename": encodeURIComponent(path.basename(file)),
      "X-Description": encodeURIComponent(description),
    });
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = transport.request(target, { method: "POST", headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      req.on("error", (err) => reject(new CliError(`Cannot reach ${this.baseUrl}: ${err.message}`, EXIT.network)));
      let sent = 0;
      const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
      stream.on("data", (chunk) => {
        sent += chunk.length;
        onProgress(sent, total);
      });
      stream.on("error", reject);
      stream.pipe(req);
    });
    if (status < 200 || status >= 300) await throwApiError(status, body);
    return JSON.parse(body) as unknown;
  }
}

async function throwApiError(status: number, text: string): Promise<never> {
  let body: ErrorBody = {};
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    // Not our JSON (a proxy's HTML page): fall through to the status line.
  }
  const code = body.error?.code ?? `http_${status}`;
  const message = body.error?.message ?? `The server answered ${status}.`;
  throw new CliError(message, exitCodeFor(status, code), body.error?.line);
}
