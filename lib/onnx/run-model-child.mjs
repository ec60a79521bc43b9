// The child process that runs one ONNX model (spawned by runner.ts, one per job). It gets the model over IPC and the
// features as raw float32 bytes on stdin, and nothing else: an empty environment, no database handle, no file names.
// Plain JavaScript so that it starts with bare `node`, without a TypeScript loader.
import * as ort from "onnxruntime-node";

/** Rows per session.run: bounds the activations' memory of wide networks on large test sets. */
const BATCH_ROWS = 65_536;

function describeDims(dims) {
  return `[${dims.join(", ")}]`;
}

/** One score per row from the output tensor: [n], [n, 1], or column `column` of [n, C]. */
function scoresOf(tensor, n, column, name) {
  const dims = tensor.dims;
  const ok = dims[0] === n && (dims.length === 1 || (dims.length === 2 && (column === null ? dims[1] === 1 : dims[1] > column)));
  if (!ok || (tensor.type !== "float32" && tensor.type !== "float64")) {
    throw new Error(
      `OUTPUT: the model's output "${name}" is ${tensor.type} ${describeDims(dims)} for ${n} events; it must give one float score per event`,
    );
  }
  if (column === null) return tensor.data;
  const width = dims[1];
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = tensor.data[i * width + column];
  return out;
}

async function predict(session, msg, rows, into) {
  const { inputName, outputName, column, features, cols } = msg;
  for (let start = 0; start < rows; start += BATCH_ROWS) {
    const n = Math.min(BATCH_ROWS, rows - start);
    const input = new ort.Tensor("float32", features.subarray(start * cols, (start + n) * cols), [n, cols]);
    const out = await session.run({ [inputName]: input }, [outputName]);
    if (into) into.set(scoresOf(out[outputName], n, column, outputName), start);
    for (const t of Object.values(out)) t.dispose?.();
  }
}

/**
 * The row-major float32 features, read from stdin into one buffer. Raw bytes through a pipe, not an IPC message:
 * serialising a 66 MB array for IPC cost the parent and this process most of a second each.
 */
function readFeatures(count) {
  return new Promise((resolve, reject) => {
    const bytes = new Uint8Array(count * 4);
    let at = 0;
    process.stdin.on("data", (chunk) => {
      if (at + chunk.length > bytes.length) return reject(new Error(`more feature bytes than the ${bytes.length} announced`));
      bytes.set(chunk, at);
      at += chunk.length;
    });
    process.stdin.on("end", () =>
      at === bytes.length
        ? resolve(new Float32Array(bytes.buffer))
        : reject(new Error(`features cut short: ${at} of ${bytes.length} bytes`)),
    );
    process.stdin.on("error", reject);
  });
}

process.once("message", async (msg) => {
  try {
    msg.features = await readFeatures(msg.rows * msg.cols);
    // performance.now() counts from this process's start: node's start-up plus receiving the model and features.
    const startMs = performance.now();
    let t = performance.now();
    const session = await ort.InferenceSession.create(msg.model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
      graphOptimizationLevel: "all",
    });
    const loadMs = performance.now() - t;
    const scores = new Float64Array(msg.rows);
    t = performance.now();
    await predict(session, msg, msg.rows, scores);
    const fullMs = performance.now() - t;
    // Latency: the same sample of events timed three times (the first pass above warmed the session).
    const sampleRows = Math.min(msg.rows, msg.timingRows);
    const timingsMs = [];
    for (let k = 0; k < 3; k++) {
      t = performance.now();
      await predict(session, msg, sampleRows, null);
      timingsMs.push(performance.now() - t);
    }
    await session.release();
    const cpu = process.cpuUsage();
    process.send({ ok: true, scores, startMs, loadMs, fullMs, sampleRows, timingsMs, cpuMs: (cpu.user + cpu.system) / 1000 }, () =>
      process.exit(0),
    );
  } catch (err) {
    process.send({ ok: false, message: err instanceof Error ? err.message : String(err) }, () => process.exit(0));
  }
});
