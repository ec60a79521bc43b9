/**
 * Scoring threads (node:worker_threads), so a submission's seconds of parsing and arithmetic never stall the site's
 * event loop: with the embedded database the worker runs inside the site, where a large file's parse would block
 * every page. The main thread keeps the database work (reading the file and the answer key, writing the scores).
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { type SubmissionIssue, SubmissionIssuesError } from "@/challenges";
import type { FeatureMatrix } from "@/challenges/shared/feature-matrix";
import { type FormatProblem, GateFailedError, type GateOutcome, type GateSetting, SubmissionFormatError } from "@/scoring";
import type { SolutionTarget } from "@/scoring/solution";

/** A job for the kind's scorer (challenges/<kind>/kind.ts `score`); the kind's `scoring` says what it needs. */
export type ScoringTask =
  | {
      kind: string;
      by: "simulation";
      metricId: string;
      /** The dataset's secrets as stored (the kind checks them on the thread). */ secrets: Record<string, unknown>;
    }
  | {
      kind: string;
      by: "answer-key";
      /** Names the answer key, unique in this process. */
      key: string;
      metricId: string;
      /** The organiser's choices for the metric's parameters (challenge.config.metricParams). */
      params?: Record<string, unknown>;
      /** The challenge's gates (challenge.config.gates); the dataset then carries the Control rows' Origin and Aux. */
      gates?: GateSetting[];
      bootstrap: number;
      seed: number;
    };

/**
 * An answer key in transit: each column as comma-separated text in chunks (see loadKeyText; `labels` holds a real
 * key's values; `origin` and `aux`, the gates' inputs, when the challenge has gates), what its target is.
 */
export interface DatasetMessage {
  columns: { ids: string[]; labels: string[]; weights: string[]; usage: string[]; origin?: string[]; aux?: string[] };
  target: SolutionTarget;
}

/** The submission: as stored (gzipped), or a model's predictions CSV. */
export interface ScoringFile {
  bytes: Uint8Array;
  gzipped: boolean;
}

export type ScoringRequest = { id: number } & (
  | { task: ScoringTask; file: ScoringFile; dataset?: DatasetMessage }
  /** A feature file (gzipped CSV) to parse for a model run: the matrix comes back, its buffers transferred. */
  | { features: Uint8Array }
);

export type ThreadError =
  | {
      type: "submission";
      problems: FormatProblem[];
      totalProblems: number;
      /** A failed gate's outcomes (GateFailedError). */ gates?: GateOutcome[];
    }
  | { type: "issues"; issues: SubmissionIssue[] }
  | { type: "other"; message: string };

type Scored = Record<"Public" | "Private", { primary: number; std?: number }> & { gates?: GateOutcome[] };

export type ScoringReply = { id: number } & (
  { result: Scored } | { matrix: FeatureMatrix } | { missing: true } | { error: ThreadError } | { ready: true }
);

// The thread runs TypeScript: tsx's loader is registered inside it before its module is imported (a Worker does
// not take `--import tsx` from execArgv before loading its entry). A path from the working directory, like the
// migrations folder: the Next.js bundle rewrites import.meta.url.
const ENTRY = path.join(process.cwd(), "lib", "jobs", "scoring-thread.ts");
const BOOT = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(`file://${ENTRY}`)}); })`;

function rebuild(e: ThreadError): Error {
  if (e.type === "submission")
    return e.gates ? new GateFailedError(e.gates, e.problems) : new SubmissionFormatError(e.problems, e.totalProblems);
  if (e.type === "issues") return new SubmissionIssuesError(e.issues);
  return new Error(e.message);
}

class ScoringThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (r: ScoringReply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private ready: Promise<void> = Promise.resolve();

  get load(): number {
    return this.pending.size;
  }

  private start(): Worker {
    const worker = new Worker(BOOT, { eval: true });
    this.ready = new Promise((resolve, reject) => {
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the scoring thread exited with code ${code} while loading`)));
      worker.once("message", () => resolve());
    });
    // Nobody may be waiting for the warm-up; a load failure also fails the job that started it.
    this.ready.catch(() => undefined);
    worker.on("message", (reply: ScoringReply) => {
      if ("ready" in reply) return;
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      p?.resolve(reply);
    });
    // A thread that dies (out of memory, a crash) fails its jobs, which the queue retries; the next job starts a new one.
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the scoring thread exited with code ${code}`)));
    worker.unref();
    return worker;
  }

  /** Starts the thread ahead of the first job, so that job does not pay for loading the scoring code. */
  warm(): Promise<void> {
    this.worker ??= this.start();
    return this.ready;
  }

  send(req: DistributiveOmit<ScoringRequest, "id">): Promise<ScoringReply> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    // Referenced while it has work, so a command-line tool waiting on a score does not exit under it.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id });
    });
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const threads: ScoringThread[] = [];

function leastBusyThread(): ScoringThread {
  if (threads.length === 0) threads.push(new ScoringThread());
  return threads.reduce((a, b) => (b.load < a.load ? b : a));
}

/** Sizes the pool (the worker's concurrency: one thread per job in flight) and starts its threads; resolves once loaded. */
export async function warmScoringThreads(count: number): Promise<void> {
  while (threads.length < count) threads.push(new ScoringThread());
  await Promise.all(threads.map((t) => t.warm()));
}

/**
 * Scores one submission on the least busy thread. `dataset` loads the answer key; it is only sent to a thread that
 * does not hold it yet. A malformed file rejects with the same SubmissionFormatError / SubmissionIssuesError as in-thread.
 */
export async function scoreOffThread(task: ScoringTask, file: ScoringFile, dataset?: () => Promise<DatasetMessage>): Promise<Scored> {
  const thread = leastBusyThread();
  let reply = await thread.send({ task, file });
  if ("missing" in reply && dataset) reply = await thread.send({ task, file, dataset: await dataset() });
  if ("error" in reply) throw rebuild(reply.error);
  if (!("result" in reply)) throw new Error("the scoring thread lacks the answer key");
  return reply.result;
}

/** Parses a gzipped feature CSV (a model's test features) on a scoring thread; a bad file rejects naming its line. */
export async function parseFeaturesOffThread(gz: Uint8Array): Promise<FeatureMatrix> {
  const reply = await leastBusyThread().send({ features: gz });
  if ("error" in reply) throw rebuild(reply.error);
  if (!("matrix" in reply)) throw new Error("the scoring thread answered a feature file without its matrix");
  return reply.matrix;
}

/** Ends the threads (tests; a process exiting ends them anyway). */
export async function stopScoringThreads(): Promise<void> {
  await Promise.all(threads.splice(0).map((t) => t.stop()));
}
