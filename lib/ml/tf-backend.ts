/**
 * Chooses TensorFlow.js's backend for Node (an I/O edge: it loads optional native or WebAssembly modules):
 * @tensorflow/tfjs-node when it is installed (native TensorFlow, fastest), else the WebAssembly backend with SIMD,
 * else the plain JavaScript "cpu" backend. Results are reproducible per backend, not across backends.
 *
 * Example: const backend = await initTfBackend(); // "wasm" here; the model card records it
 */
import * as tf from "@tensorflow/tfjs";

let chosen: Promise<string> | undefined;

async function choose(): Promise<string> {
  try {
    // tfjs-node is optional and not a dependency: a variable specifier keeps TypeScript from resolving it, and the
    // ignore comments keep the site's bundler from trying (and printing "Can't resolve" at every first start).
    const nodeBackend = "@tensorflow/tfjs-node";
    await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ nodeBackend);
    if (await tf.setBackend("tensorflow")) return "tensorflow";
  } catch {
    // Not installed: fall through to WebAssembly.
  }
  try {
    await import("@tensorflow/tfjs-backend-wasm");
    if (await tf.setBackend("wasm")) return "wasm";
  } catch {
    // WebAssembly unavailable: fall through to the JavaScript backend.
  }
  await tf.setBackend("cpu");
  return "cpu";
}

/** The backend in use after the first call's choice (later calls return the same). */
export function initTfBackend(): Promise<string> {
  chosen ??= choose().then(async (name) => {
    await tf.ready();
    return name;
  });
  return chosen;
}
