/**
 * Runs an ONNX model on features in a child process of its own (run-model-child.mjs), so that whatever the model
 * does — crash the runtime, allocate without bound, loop for ever — ends that process and fails the submission with
 * the reason, never the worker. The child gets an empty environment (no DATABASE_URL, no secrets), the model over
 * IPC and the features as raw bytes on its stdin, an address-space cap (ulimit -v: onnxruntime allocates outside the V8 heap, which
 * --max-old-space-size alone would not bound), one intra-op and one inter-op thread, and a wall-time limit.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runnableModel } from "./strip-zipmap";
import type { FeatureMatrix } from "@/challenges/shared/feature-matrix";
import { ModelRejectedError, type ModelPlan } from "./validate";

/** The model's fault (a crash, a limit, bad output): the submission fails with this message and is not retried. */
export class ModelRunError extends ModelRejectedError {}

export interface RunLimits {
  /** Wall time for loading and running the model, timing runs included. */
  timeoutMs: number;
  /** Address-space cap of the child process (node itself needs about 1 GB of it). */
  memoryMb: number;
}

export const DEFAULT_RUN_LIMITS: RunLimits = { timeoutMs: 120_000, memoryMb: 3072 };
/** Events in the sample timed three times for the latency figure. */
export const TIMING_ROWS = 10_000;

export interface ModelRun {
  scores: Float64Array;
  /** From spawning the child to its having the model and features (node start-up and the transfer). */
  startMs: number;
  loadMs: number;
  /** CPU time the child used in all (start-up, load, every pass): what the run costs on an idle core. */
  cpuMs: number;
  /** The one pass over every event that gave the scores. */
  fullMs: number;
  /** Median of three timed passes over the first min(rows, TIMING_ROWS) events, per 1,000 events. */
  msPer1000: number;
}

type ChildReply =
  | {
      ok: true;
      scores: Float64Array;
      startMs: number;
      loadMs: number;
      cpuMs: number;
      fullMs: number;
      sampleRows: number;
      timingsMs: number[];
    }
  | { ok: false; message: string };

const CHILD = join(dirname(fileURLToPath(import.meta.url)), "run-model-child.mjs");
const STDERR_TAIL = 4096;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function looksOutOfMemory(text: string): boolean {
  return /Failed to allocate memory|bad_alloc|out of memory|Cannot allocate memory|Array buffer allocation failed/i.test(text);
}

/** The competitor's message for a child that reported an error. */
function failureMessage(message: string, limits: RunLimits): string {
  if (message.startsWith("OUTPUT: ")) return `The model's output cannot be scored: ${message.slice(8)}.`;
  if (looksOutOfMemory(message)) return `The model ran out of memory (limit ${limits.memoryMb} MB): ${message.slice(0, 500)}`;
  return `The model failed to run: ${message.slice(0, 1000)}`;
}

/** Runs the model over every row of `features`; throws ModelRunError for anything the model caused. */
export function runModel(
  model: Uint8Array,
  plan: ModelPlan,
  features: Pick<FeatureMatrix, "data" | "rows" | "cols">,
  limits: RunLimits = DEFAULT_RUN_LIMITS,
): Promise<ModelRun> {
  if (features.data.length !== features.rows * features.cols)
    throw new RangeError(`features hold ${features.data.length} values for ${features.rows} × ${features.cols}`);
  const kb = limits.memoryMb * 1024;
  // `exec` keeps the IPC descriptor and replaces the shell, so the pid is node's and a kill reaches it.
  const child: ChildProcess = spawn(
    "/bin/sh",
    ["-c", `ulimit -v ${kb} && exec "$0" "$@"`, process.execPath, `--max-old-space-size=${Math.min(1024, limits.memoryMb)}`, CHILD],
    {
      env: {} as NodeJS.ProcessEnv,
      stdio: ["pipe", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    },
  );
  let stderr = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (s: string) => (stderr = (stderr + s).slice(-STDERR_TAIL)));
  return new Promise<ModelRun>((resolve, reject) => {
    let reply: ChildReply | null = null;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, limits.timeoutMs);
    child.on("message", (m: ChildReply) => (reply = m));
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const r = reply as ChildReply | null;
      if (timedOut)
        return reject(
          new ModelRunError(`The model did not finish within the time limit of ${limits.timeoutMs / 1000} s (${features.rows} events).`),
        );
      if (r?.ok)
        return resolve({
          scores: r.scores,
          startMs: r.startMs,
          loadMs: r.loadMs,
          cpuMs: r.cpuMs,
          fullMs: r.fullMs,
          msPer1000: (median(r.timingsMs) / r.sampleRows) * 1000,
        });
      if (r) return reject(new ModelRunError(failureMessage(r.message, limits)));
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      if (looksOutOfMemory(stderr))
        return reject(new ModelRunError(`The model ran out of memory (limit ${limits.memoryMb} MB); the run ended with ${how}.`));
      reject(
        new ModelRunError(
          `The model run crashed (${how})${stderr.trim() ? `: ${stderr.trim().split("\n").slice(-3).join(" ").slice(0, 500)}` : "."}`,
        ),
      );
    });
    // A child that died before reading its input (EPIPE) is reported by the exit handler, with its reason.
    const ignore = () => {};
    child.stdin!.on("error", ignore);
    child.send(
      {
        model: runnableModel(model, plan.output),
        inputName: plan.inputName,
        outputName: plan.output.name,
        column: plan.output.column,
        rows: features.rows,
        cols: features.cols,
        timingRows: TIMING_ROWS,
      },
      ignore,
    );
    const { data } = features;
    // The matrix's own memory, not a copy: the worker keeps it for the next model on the same dataset.
    child.stdin!.end(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
}
