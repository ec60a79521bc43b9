/**
 * A small typed binding over XGBoost's C API (libxgboost.so.0, Debian's libxgboost0 1.7) through koffi. Only what a
 * baseline needs: a dense matrix with NaN as missing and label/weight info, a booster updated one round at a time
 * (so training can report progress and stop early), prediction over a range of rounds, and explicit frees.
 *
 * The library is optional: loadXgboost() returns { xgb: null, reason } where it (or koffi) cannot be loaded, and the
 * trainer falls back to the tfjs family. Every call checks the C status and throws XGBGetLastError's message.
 *
 * Example: const { xgb } = loadXgboost(); const m = xgb.matrix(X, rows, cols, { label });
 *          const b = xgb.booster([m], { objective: "binary:logistic" }); b.update(0, m); b.predict(m) → Float32Array.
 */
import { createRequire } from "node:module";
import type * as Koffi from "koffi";

type Fn = (...args: unknown[]) => unknown;

interface Api {
  version: Fn;
  lastError: Fn;
  matrixCreate: Fn;
  matrixSetFloat: Fn;
  matrixFree: Fn;
  boosterCreate: Fn;
  boosterSetParam: Fn;
  boosterUpdate: Fn;
  boosterPredict: Fn;
  boosterFree: Fn;
  boosterSaveToBuffer: Fn;
  decodeText(ptr: unknown, length: number): string;
  decodeFloats(ptr: unknown, length: number): Float32Array;
  decodeSizes(ptr: unknown, length: number): number[];
}

/** A DMatrix: rows of features (NaN = missing) with optional labels and weights. Free it when done. */
export interface XgbMatrix {
  readonly rows: number;
  readonly cols: number;
  free(): void;
}

export interface XgbBooster {
  /** One boosting round (`iteration` counts from 0) on the training matrix. */
  update(iteration: number, train: XgbMatrix): void;
  /** Probabilities (binary:logistic) using rounds [0, iterationEnd); 0 = every round. `margin`: the untransformed sums. */
  predict(data: XgbMatrix, iterationEnd?: number, margin?: boolean): Float32Array;
  /** The whole model in XGBoost's JSON format (trees, base score), which lib/ml/onnx/ turns into an ONNX model. */
  modelJson(): string;
  free(): void;
}

export interface Xgboost {
  /** "major.minor.patch" of the loaded library. */
  readonly version: string;
  matrix(data: Float32Array, rows: number, cols: number, info?: { label?: Float32Array; weight?: Float32Array }): XgbMatrix;
  /** `cache`: the matrices the booster will train on or predict repeatedly (XGBoost caches their predictions). */
  booster(cache: XgbMatrix[], params: Record<string, string | number>): XgbBooster;
}

export type XgboostLoad = { xgb: Xgboost; reason?: undefined } | { xgb: null; reason: string };

// XGBOOST_LIBRARY names the only library to load: another build, or `/nonexistent` to prove the tfjs fallback and
// the tests' skips on a machine that has libxgboost0.
const LIBRARY_NAMES = process.env.XGBOOST_LIBRARY
  ? [process.env.XGBOOST_LIBRARY]
  : ["libxgboost.so.0", "libxgboost.so", "libxgboost.dylib"];

function bind(koffi: typeof Koffi, lib: Koffi.LibraryHandle): Api {
  const f = (decl: string) => lib.func(decl) as unknown as Fn;
  return {
    version: f("int XGBoostVersion(_Out_ int *major, _Out_ int *minor, _Out_ int *patch)"),
    lastError: f("const char *XGBGetLastError()"),
    matrixCreate: f("int XGDMatrixCreateFromMat(const float *data, uint64_t nrow, uint64_t ncol, float missing, _Out_ XgbHandle *out)"),
    matrixSetFloat: f("int XGDMatrixSetFloatInfo(XgbHandle handle, const char *field, const float *array, uint64_t len)"),
    matrixFree: f("int XGDMatrixFree(XgbHandle handle)"),
    boosterCreate: f("int XGBoosterCreate(XgbHandle *dmats, uint64_t len, _Out_ XgbHandle *out)"),
    boosterSetParam: f("int XGBoosterSetParam(XgbHandle handle, const char *name, const char *value)"),
    boosterUpdate: f("int XGBoosterUpdateOneIter(XgbHandle handle, int iter, XgbHandle dtrain)"),
    boosterPredict: f(
      "int XGBoosterPredictFromDMatrix(XgbHandle handle, XgbHandle dmat, const char *config, _Out_ void **shape, _Out_ uint64_t *dim, _Out_ void **result)",
    ),
    boosterFree: f("int XGBoosterFree(XgbHandle handle)"),
    boosterSaveToBuffer: f("int XGBoosterSaveModelToBuffer(XgbHandle handle, const char *config, _Out_ uint64_t *len, _Out_ void **out)"),
    decodeText: (ptr, length) => new TextDecoder().decode(koffi.view(ptr, length)),
    // A view of the native buffer, copied at once: the booster reuses that buffer for its next prediction.
    decodeFloats: (ptr, length) => new Float32Array(koffi.view(ptr, length * 4).slice(0)),
    decodeSizes: (ptr, length) => Array.from(koffi.decode(ptr, "uint64_t", length) as ArrayLike<number | bigint>, Number),
  };
}

class Binding implements Xgboost {
  readonly version: string;

  constructor(private readonly api: Api) {
    const v: [number[], number[], number[]] = [[0], [0], [0]];
    api.version(...v);
    this.version = v.map((x) => x[0]).join(".");
  }

  /** Throws the library's own message when a call returns non-zero. */
  private check(status: unknown, what: string): void {
    if (status !== 0) throw new Error(`XGBoost ${what} failed: ${String(this.api.lastError())}`);
  }

  matrix(data: Float32Array, rows: number, cols: number, info: { label?: Float32Array; weight?: Float32Array } = {}): XgbMatrix {
    if (data.length !== rows * cols) throw new RangeError(`matrix data has ${data.length} values, expected ${rows} × ${cols}`);
    const out: unknown[] = [null];
    this.check(this.api.matrixCreate(data, rows, cols, NaN, out), "XGDMatrixCreateFromMat");
    const ptr = out[0];
    const api = this.api;
    const matrix = { rows, cols, ptr, free: () => void api.matrixFree(ptr) };
    for (const [field, values] of Object.entries(info)) {
      if (values.length !== rows) throw new RangeError(`${field} has ${values.length} values for ${rows} rows`);
      this.check(api.matrixSetFloat(ptr, field, values, rows), `setting ${field}`);
    }
    return matrix;
  }

  booster(cache: XgbMatrix[], params: Record<string, string | number>): XgbBooster {
    const api = this.api;
    const check = this.check.bind(this);
    const ptrOf = (m: XgbMatrix): unknown => (m as XgbMatrix & { ptr: unknown }).ptr;
    const out: unknown[] = [null];
    check(api.boosterCreate(cache.map(ptrOf), cache.length, out), "XGBoosterCreate");
    const ptr = out[0];
    try {
      for (const [name, value] of Object.entries(params)) check(api.boosterSetParam(ptr, name, String(value)), `setting ${name}`);
    } catch (err) {
      api.boosterFree(ptr);
      throw err;
    }
    return {
      update: (iteration, train) => check(api.boosterUpdate(ptr, iteration, ptrOf(train)), "XGBoosterUpdateOneIter"),
      predict: (data, iterationEnd = 0, margin = false) => {
        const config = JSON.stringify({
          type: margin ? 1 : 0,
          training: false,
          iteration_begin: 0,
          iteration_end: iterationEnd,
          strict_shape: false,
        });
        const shape: unknown[] = [null];
        const dim: number[] = [0];
        const result: unknown[] = [null];
        check(api.boosterPredict(ptr, ptrOf(data), config, shape, dim, result), "XGBoosterPredictFromDMatrix");
        const length = api.decodeSizes(shape[0], Number(dim[0])).reduce((a, b) => a * b, 1);
        return api.decodeFloats(result[0], length);
      },
      modelJson: () => {
        const length: number[] = [0];
        const out: unknown[] = [null];
        check(api.boosterSaveToBuffer(ptr, JSON.stringify({ format: "json" }), length, out), "XGBoosterSaveModelToBuffer");
        return api.decodeText(out[0], Number(length[0]));
      },
      free: () => void api.boosterFree(ptr),
    };
  }
}

/** The baseline choices (lib/ml/baseline-run.ts) that train an XGBoost model. */
export function needsXgboost(choice: string): boolean {
  return choice === "xgboost" || choice === "both" || choice === "blend";
}

// koffi type names are process-wide: a second bind would redeclare "XgbHandle", so the first load is kept — on
// globalThis, because the start script's copy of this module and the site bundle's copy share one process.
const LOADED = Symbol.for("collider-arena.xgboost");
type Holder = { [LOADED]?: XgboostLoad };

/** Loads koffi and the XGBoost shared library once per process; null with the reason where either is unavailable. */
export function loadXgboost(): XgboostLoad {
  const g = globalThis as Holder;
  g[LOADED] ??= load();
  return g[LOADED];
}

function load(): XgboostLoad {
  let koffi: typeof Koffi;
  try {
    koffi = createRequire(import.meta.url)("koffi") as typeof Koffi;
  } catch (err) {
    return { xgb: null, reason: `koffi (the FFI module) cannot be loaded: ${(err as Error).message}` };
  }
  // Handles are opaque pointers; the named type lets the prototypes in bind() use it.
  koffi.pointer("XgbHandle", koffi.opaque());
  const errors: string[] = [];
  for (const name of LIBRARY_NAMES) {
    try {
      return { xgb: new Binding(bind(koffi, koffi.load(name))) };
    } catch (err) {
      errors.push(`${name}: ${(err as Error).message}`);
    }
  }
  return { xgb: null, reason: `the XGBoost library cannot be loaded (${errors.join("; ")}); install Debian's libxgboost0` };
}
