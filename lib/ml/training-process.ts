/**
 * Baseline training in a child process, so minutes of training never stall the site: the worker runs inside the
 * site in the embedded quick start, where training on its thread would hold every request (bench:responsiveness). A process
 * rather than a thread because XGBoost is native code: a crash or the kernel's out-of-memory kill ends the child,
 * and the run fails with that reason while the site keeps serving. The child runs at a lower priority (nice 10),
 * so on a small machine the site's requests get the CPU first.
 */
import { spawn } from "node:child_process";
import { setPriority } from "node:os";
import path from "node:path";
import { BaselineInputError } from "./baseline-input-error";
import type { Trainer, TrainingKind, TrainingKinds } from "./trainer";

/** What the parent sends the child: one request per process. */
export interface TrainingRequest<K extends TrainingKind = TrainingKind> {
  kind: K;
  input: TrainingKinds[K]["input"];
}

/** What the child sends back: the trainer's events, then "done" or "error". */
export type TrainingMessage =
  | { type: "progress"; family: string; event: TrainingKinds[TrainingKind]["progress"] }
  | { type: "log"; message: string }
  | { type: "entry"; entry: TrainingKinds[TrainingKind]["entry"] }
  | { type: "done" }
  | { type: "error"; input: boolean; message: string };

// A path from the working directory, as for the scoring thread: the site's bundle rewrites import.meta.url.
const ENTRY = path.join(process.cwd(), "lib", "ml", "training-child.ts");
const NICENESS = 10;

/** Trains in a child process; the events arrive here in order. */
export const trainInChildProcess: Trainer = (kind, input, events) =>
  new Promise<void>((resolve, reject) => {
    // "advanced" serialisation carries the files' bytes and the typed arrays in events as they are.
    // spawn with an IPC channel rather than fork: the site's bundler takes fork's first argument for a module to bundle.
    const child = spawn(process.execPath, ["--import", "tsx", ENTRY], {
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    if (child.pid !== undefined) {
      try {
        setPriority(child.pid, NICENESS);
      } catch {
        // Not permitted on this system: the child then competes with the site as an equal.
      }
    }
    child.on("message", (m: TrainingMessage) => {
      if (settled) return;
      // The events are typed by the request's kind; the child sends only that kind's.
      const e = events as Parameters<Trainer>[2];
      if (m.type === "progress") e.progress(m.family, m.event as never);
      else if (m.type === "log") e.log(m.message);
      else if (m.type === "entry") e.entry(m.entry as never);
      else if (m.type === "done") finish();
      else finish(m.input ? new BaselineInputError(m.message) : new Error(m.message));
    });
    child.on("error", (err) => finish(new Error(`the training process failed: ${err.message}`)));
    // "close", not "exit": it comes after the child's last messages have been delivered.
    child.on("close", (code, signal) => {
      const how = signal ? `was killed (${signal}${signal === "SIGKILL" ? ", e.g. out of memory" : ""})` : `exited with code ${code}`;
      finish(new Error(`the training process ${how} before it finished`));
    });
    child.send({ kind, input } satisfies TrainingRequest);
  });
