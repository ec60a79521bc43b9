import { formatScore } from "../scoring/score-value";
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { ApiChallengeDetail, ApiChallengeSummary, ApiSubmission, ApiSubmissionDetail } from "@/lib/api/v1/schemas";
import { UPLOAD_RETRY, type ApiClient } from "./client";
import { CliError, EXIT } from "./errors";
import { createProgress, type Progress } from "./progress";

export interface Io {
  out: (line: string) => void;
  /** Progress and notes, on stderr so stdout stays parseable. */
  err: (text: string) => void;
  json: boolean;
  /** Whether stderr is a terminal (progress is redrawn in place) or a log (a line per 10 %). */
  tty: boolean;
}

/** Progress on stderr, or none with --json. */
function progress(io: Io, label: string, total: number): Progress {
  return io.json ? { update: () => {}, finish: () => {} } : createProgress(label, total, io.err, io.tty);
}

/** A score (or its std) as the API gives it: a number, or "Infinity" / "-Infinity" / "NaN" (scoring/score-value.ts). */
const fmt = (x: number | string | null | undefined, digits = 5) => formatScore(x, digits);

function table(rows: (string | number)[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? "").length))) ?? [];
  return rows.map((r) =>
    r
      .map((c, i) => String(c).padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

export async function listChallenges(api: ApiClient, io: Io): Promise<void> {
  const { challenges } = await api.json<{ challenges: ApiChallengeSummary[] }>("/challenges");
  if (io.json) return io.out(JSON.stringify(challenges));
  const rows = [["SLUG", "STATUS", "METRIC", "TITLE"], ...challenges.map((c) => [c.slug, c.status, c.metric.label, c.title])];
  for (const line of table(rows)) io.out(line);
}

/** Downloads every data file (or one), decompressed, checking each against the server's SHA-256. */
export async function download(api: ApiClient, io: Io, slug: string, dir: string, only?: string): Promise<void> {
  const { challenge } = await api.json<{ challenge: ApiChallengeDetail }>(`/challenges/${encodeURIComponent(slug)}`);
  const files = challenge.files.filter((f) => !only || f.name === only);
  if (files.length === 0) throw new CliError(only ? `No file ${only} in ${slug}.` : `${slug} has no data files.`, EXIT.notFound);
  await mkdir(dir, { recursive: true });
  for (const f of files) {
    const res = await api.request(f.url);
    const target = path.join(dir, f.name);
    const hash = createHash("sha256");
    let bytes = 0;
    const bar = progress(io, f.name.padEnd(24), f.bytes);
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        bytes += chunk.length;
        bar.update(bytes);
        done(null, chunk);
      },
    });
    try {
      await pipeline(
        Readable.fromWeb(res.body as import("node:stream/web").ReadableStream),
        createGunzip(),
        tap,
        createWriteStream(target),
      );
    } finally {
      bar.finish();
    }
    if (hash.digest("hex") !== f.sha256) throw new CliError(`${f.name}: checksum mismatch after download; try again.`, EXIT.network);
    io.out(io.json ? JSON.stringify({ file: target, bytes, sha256: f.sha256 }) : `${target}  ${bytes} bytes, SHA-256 verified`);
  }
}

export async function submit(
  api: ApiClient,
  io: Io,
  p: { slug: string; file: string; message: string; wait: boolean; timeoutSeconds: number },
): Promise<void> {
  const base = `/challenges/${encodeURIComponent(p.slug)}/submissions`;
  let bar: Progress | undefined;
  // A retry after a lost answer starts a fresh bar, on its own line.
  const retry = {
    ...UPLOAD_RETRY,
    onRetry: (reason: string, ms: number) => {
      bar?.finish();
      bar = undefined;
      io.err(`${reason}; sending it again in ${Math.ceil(ms / 1000)} s (counted once)…\n`);
    },
  };
  let res: { submission: ApiSubmission };
  try {
    res = (await api.upload(
      base,
      p.file,
      p.message,
      (sent, total) => {
        bar ??= progress(io, "Uploading", total);
        bar.update(sent);
      },
      retry,
    )) as { submission: ApiSubmission };
  } finally {
    bar?.finish();
  }
  let sub: ApiSubmission | ApiSubmissionDetail = res.submission;
  if (!io.json)
    io.out(`Submission ${sub.id} accepted (${sub.status}${sub.queuePosition ? `, ${sub.queuePosition} ahead in the queue` : ""}).`);
  if (p.wait) sub = await waitForScore(api, io, `${base}/${sub.id}`, p.timeoutSeconds);
  if (io.json) io.out(JSON.stringify(sub));
  if (sub.status === "failed") throw new CliError(`Scoring failed:\n${sub.error ?? "(no message)"}`, EXIT.scoringFailed);
}

async function waitForScore(api: ApiClient, io: Io, url: string, timeoutSeconds: number): Promise<ApiSubmissionDetail> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  let delay = 500;
  let lastLine = "";
  for (;;) {
    const { submission } = await api.json<{ submission: ApiSubmissionDetail }>(url);
    if ((submission.status === "scored" || submission.status === "failed") && io.tty && lastLine && !io.json) io.err("\n");
    if (submission.status === "scored") {
      if (!io.json)
        io.out(`Public score: ${fmt(submission.public?.score)}${submission.public?.std != null ? ` ± ${fmt(submission.public.std)}` : ""}`);
      const model = submission.model;
      if (!io.json && model?.msPer1000 != null)
        io.out(`Model: ${model.msPer1000.toFixed(3)} ms per 1,000 events, ${model.operatorCount} operators, ${model.sizeBytes} bytes`);
      return submission;
    }
    if (submission.status === "failed") return submission;
    if (Date.now() > deadline)
      throw new CliError(
        `Not scored after ${timeoutSeconds} s (status ${submission.status}); check later with \`submissions\`.`,
        EXIT.network,
      );
    const line = `${submission.status}${submission.queuePosition ? ` (${submission.queuePosition} ahead)` : ""}…`;
    // A terminal shows the status redrawn in place; a log gets a line only when it changes.
    if (!io.json && line !== lastLine) io.err(io.tty ? `\r${line}   ` : `${line}\n`);
    lastLine = line;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(3000, delay * 1.5);
  }
}

export async function listSubmissions(api: ApiClient, io: Io, slug: string): Promise<void> {
  const { submissions } = await api.json<{ submissions: ApiSubmission[] }>(`/challenges/${encodeURIComponent(slug)}/submissions`);
  if (io.json) return io.out(JSON.stringify(submissions));
  const rows = [
    ["ID", "CREATED (UTC)", "STATUS", "PUBLIC", "±", "FINAL", "FILE"],
    ...submissions.map((s) => [
      s.id,
      s.createdAt.slice(0, 16).replace("T", " "),
      s.status,
      fmt(s.public?.score),
      fmt(s.public?.std),
      s.selectedFinal ? "yes" : "",
      s.filename,
    ]),
  ];
  for (const line of table(rows)) io.out(line);
}

type Board = {
  view: string;
  total: number;
  rows: { rank: number; teamName: string; score: number; std: number | null; entries: number }[];
  metric: { label: string; precision: number };
};

export async function leaderboard(api: ApiClient, io: Io, p: { slug: string; view: string; csv: boolean; page: number }): Promise<void> {
  const base = `/challenges/${encodeURIComponent(p.slug)}/leaderboard?view=${p.view}`;
  if (p.csv) return io.out((await (await api.request(`${base}&format=csv`)).text()).trimEnd());
  const board = await api.json<Board>(`${base}&page=${p.page}`);
  if (io.json) return io.out(JSON.stringify(board));
  if (p.view === "private" && board.view !== "private") io.err("The private leaderboard is not revealed yet; showing the public one.\n");
  const digits = board.metric.precision;
  const rows = [
    ["RANK", "TEAM", board.metric.label.toUpperCase(), "±", "ENTRIES"],
    ...board.rows.map((r) => [r.rank, r.teamName, fmt(r.score, digits), fmt(r.std, digits), r.entries]),
  ];
  for (const line of table(rows)) io.out(line);
  io.err(`${board.rows.length} of ${board.total} teams (${board.view}).\n`);
}
