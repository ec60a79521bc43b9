/**
 * The training process (see training-process.ts): takes one request from its parent, trains it here, sends each
 * event back, and exits. It holds no database; the parent registers and scores the entries.
 */
import { BaselineInputError } from "./baseline-input-error";
import { trainHere, type TrainingEvents, type TrainingKind } from "./trainer";
import type { TrainingMessage, TrainingRequest } from "./training-process";

const send = (m: TrainingMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));

// The parent went away (the site stopped or crashed): nobody wants the result.
process.once("disconnect", () => process.exit(1));

process.once("message", (req: TrainingRequest) => {
  const events: TrainingEvents<TrainingKind> = {
    progress: (family, event) => void send({ type: "progress", family, event }),
    log: (message) => void send({ type: "log", message }),
    entry: (entry) => void send({ type: "entry", entry }),
  };
  trainHere(req.kind, req.input, events)
    .then(
      () => send({ type: "done" }),
      (err: unknown) =>
        send({ type: "error", input: err instanceof BaselineInputError, message: err instanceof Error ? err.message : String(err) }),
    )
    .finally(() => process.exit(0));
});
