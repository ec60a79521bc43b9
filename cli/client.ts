import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { CliError, EXIT, exitCodeFor } from "./errors";

type ErrorBody = { error?: { code?: string; message?: string; line?: number } };

/**
 * How an upload is repeated after a 503 (the database restarting) or a network error: up to `attempts` tries, each
 * after the server's Retry-After or else an exponential pause from `baseDelayMs`, at most `maxDelayMs` (about a
 * minute in all by default, the outage the server rides out). The Idempotency-Key makes a repeat count once.
 */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  onRetry?: (reason: string, delayMs: number) => void;
}

export const UPLOAD_RETRY: RetryPolicy = { attempts: 7, baseDelayMs: 1000, maxDelayMs: 20_000 };

type Answer = { status: number; body: string; retryAfter: string | undefined };

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
      throw new CliError(
        `Cannot reach ${this.baseUrl}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`,
        EXIT.network,
      );
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
  async upload(
    p: string,
    file: string,
    description: string,
    onProgress: (sent: number, total: number) => void,
    retry: RetryPolicy = UPLOAD_RETRY,
    idempotencyKey: string = randomUUID(),
  ): Promise<unknown> {
    const total = (
      await stat(file).catch(() => {
        throw new CliError(`No such file: ${file}`, EXIT.usage);
      })
    ).size;
    for (let attempt = 1; ; attempt++) {
      let answer: Answer | CliError;
      try {
        answer = await this.sendFile(p, file, total, description, idempotencyKey, onProgress);
      } catch (err) {
        if (!(err instanceof CliError && err.exitCode === EXIT.network)) throw err;
        answer = err;
      }
      const retryable = answer instanceof CliError || answer.status === 503;
      if (!retryable || attempt >= retry.attempts) {
        if (answer instanceof CliError) throw answer;
        if (answer.status < 200 || answer.status >= 300) await throwApiError(answer.status, answer.body);
        return JSON.parse(answer.body) as unknown;
      }
      const afterHeader = answer instanceof CliError ? NaN : Number(answer.retryAfter);
      const delay = Math.min(retry.maxDelayMs, Number.isFinite(afterHeader) ? afterHeader * 1000 : retry.baseDelayMs * 2 ** (attempt - 1));
      retry.onRetry?.(answer instanceof CliError ? answer.message : `the server answered ${answer.status}`, delay);
      await new Promise((r) => setTimeout(r, delay));
    }
  }

  /** One attempt: the file as the raw body, and the server's answer, whatever its status. */
  private async sendFile(
    p: string,
    file: string,
    total: number,
    description: string,
    idempotencyKey: string,
    onProgress: (sent: number, total: number) => void,
  ): Promise<Answer> {
    const target = new URL(this.url(p));
    const transport = target.protocol === "https:" ? https : http;
    const headers = this.headers({
      // The server takes a *.onnx file name as an ONNX model, anything else as predictions (or a design).
      "Content-Type": file.endsWith(".gz") ? "application/gzip" : file.endsWith(".onnx") ? "application/octet-stream" : "text/csv",
      "Content-Length": String(total),
      "X-Filename": encodeURIComponent(path.basename(file)),
      "X-Description": encodeURIComponent(description),
      "Idempotency-Key": idempotencyKey,
    });
    return new Promise<Answer>((resolve, reject) => {
      const req = transport.request(target, { method: "POST", headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), retryAfter: res.headers["retry-after"] }),
        );
        res.on("error", (err) => reject(new CliError(`Lost the answer from ${this.baseUrl}: ${err.message}`, EXIT.network)));
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
