/**
 * The checks an uploaded ONNX model passes before anything is queued: pure (bytes and the challenge's feature list
 * in, a run plan or a ModelRejectedError with a message for the competitor out), so nothing of the model is ever
 * executed in the site's process.
 */
import { DEFAULT_THRESHOLD, THRESHOLD_METADATA_KEY } from "@/challenges/shared/model-contract";
import {
  type Dim,
  ELEM_DOUBLE,
  ELEM_FLOAT,
  ELEM_INT64,
  ELEM_NAMES,
  ELEM_STRING,
  type ModelInfo,
  readModel,
  type ValueInfo,
} from "./model-proto";
import { ProtobufError } from "./protobuf";

/** A model the competitor must change: refused at upload, or failed by the worker (see ModelRunError). */
export class ModelRejectedError extends Error {}

/** Operator sets a model may use: the standard ones ("" is ai.onnx). */
const STANDARD_DOMAINS = new Set(["", "ai.onnx", "ai.onnx.ml"]);
export const DEFAULT_MODEL_MAX_MB = 50;

/** How the runner turns the model's output into one score per event. */
export interface OutputPlan {
  /** The graph output to fetch (for a ZipMap, the class-probability tensor feeding it). */
  name: string;
  /** Column holding the signal score for [N, C] outputs; null for [N] and [N, 1]. */
  column: number | null;
  /** Set when the ZipMap node producing the declared output must be removed before running (see strip-zipmap.ts). */
  zipMapOutput?: string;
}

export interface ModelPlan {
  inputName: string;
  output: OutputPlan;
  operatorCount: number;
  threshold: number;
  opsets: { domain: string; version: number }[];
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function describeDims(shape: Dim[] | null): string {
  return shape === null ? "of unknown shape" : `[${shape.map((d) => (d === null ? "?" : String(d))).join(", ")}]`;
}

function describeValue(v: ValueInfo): string {
  const t = v.type;
  if (!t) return `"${v.name}" (no type)`;
  if (t.kind === "tensor") return `"${v.name}" ${ELEM_NAMES[t.elem] ?? `type ${t.elem}`} ${describeDims(t.shape)}`;
  if (t.kind === "sequence-of-maps") return `"${v.name}" a ZipMap of ${ELEM_NAMES[t.value] ?? "?"} by ${ELEM_NAMES[t.key] ?? "?"}`;
  return `"${v.name}" ${t.what}`;
}

function checkInput(info: ModelInfo, featureCount: number): string {
  const inputs = info.inputs.filter((v) => !info.initializerNames.has(v.name));
  if (inputs.length !== 1) {
    throw new ModelRejectedError(
      `The model must have exactly one input (the ${featureCount} features); it has ${inputs.length}` +
        (inputs.length > 0 ? `: ${inputs.map((v) => `"${v.name}"`).join(", ")}.` : "."),
    );
  }
  const input = inputs[0]!;
  const t = input.type;
  if (!t || t.kind !== "tensor")
    throw new ModelRejectedError(
      `The model's input "${input.name}" must be a float32 tensor; it is ${t ? describeValue(input) : "untyped"}.`,
    );
  if (t.elem !== ELEM_FLOAT) {
    throw new ModelRejectedError(
      `The model's input "${input.name}" must be float32; it is ${ELEM_NAMES[t.elem] ?? `element type ${t.elem}`}. Cast the features to float32 when exporting.`,
    );
  }
  const shape = t.shape;
  if (shape === null || shape.length !== 2 || shape[1] !== featureCount) {
    throw new ModelRejectedError(
      `The model's input "${input.name}" must have shape [N, ${featureCount}] (N events × the ${featureCount} features of this challenge, in the order on its page); it has ${describeDims(shape)}.`,
    );
  }
  if (typeof shape[0] === "number") {
    throw new ModelRejectedError(
      `The model's input "${input.name}" must have a variable first dimension (the number of events, e.g. "N"); it is fixed at ${shape[0]}.`,
    );
  }
  return input.name;
}

/** Column of the signal class in a ZipMap's class labels: label 1, or "s"/"1"/"signal". */
function zipMapSignalColumn(info: ModelInfo, outputName: string): OutputPlan {
  const node = info.nodes.find((n) => n.opType === "ZipMap" && n.outputs[0] === outputName);
  if (!node || node.inputs.length !== 1)
    throw new ModelRejectedError(
      `The model's output "${outputName}" is a map of class probabilities not made by a ZipMap node; export the probabilities as a tensor.`,
    );
  const ints = node.ints.classlabels_int64s;
  const strings = node.strings.classlabels_strings;
  const column = ints ? ints.indexOf(1) : (strings ?? []).findIndex((s) => ["s", "1", "signal"].includes(s.toLowerCase()));
  if (column < 0) {
    const labels = ints ? ints.join(", ") : (strings ?? []).map((s) => `"${s}"`).join(", ");
    throw new ModelRejectedError(
      `The model's ZipMap class labels are ${labels || "missing"}: none is the signal class (1, "s" or "signal").`,
    );
  }
  return { name: node.inputs[0]!, column, zipMapOutput: outputName };
}

function isFloat(elem: number) {
  return elem === ELEM_FLOAT || elem === ELEM_DOUBLE;
}

/** The first output that carries one score per event: [N] or [N, 1] scores, [N, 2] class probabilities, or a ZipMap. */
function chooseOutput(info: ModelInfo): OutputPlan {
  for (const v of info.outputs) {
    const t = v.type;
    if (!t) continue;
    if (t.kind === "tensor" && isFloat(t.elem)) {
      const s = t.shape;
      if (s === null) return { name: v.name, column: null };
      if (s.length === 1 || (s.length === 2 && s[1] === 1)) return { name: v.name, column: null };
      if (s.length === 2 && s[1] === 2) return { name: v.name, column: 1 };
    }
    if (t.kind === "sequence-of-maps" && (t.key === ELEM_INT64 || t.key === ELEM_STRING) && isFloat(t.value))
      return zipMapSignalColumn(info, v.name);
  }
  throw new ModelRejectedError(
    `The model has no output this challenge can read: it needs a float tensor with one score per event ([N] or [N, 1]), ` +
      `class probabilities [N, 2] (column 2 = signal) or a ZipMap of class probabilities; its outputs are ${info.outputs.map(describeValue).join(", ") || "none"}.`,
  );
}

function checkOperatorSets(info: ModelInfo): void {
  const custom = [...info.nodeDomains].filter(([domain]) => !STANDARD_DOMAINS.has(domain));
  if (custom.length > 0) {
    const list = custom.map(([domain, op]) => `"${op}" in domain "${domain}"`).join(", ");
    throw new ModelRejectedError(
      `The model uses operators outside the standard ai.onnx and ai.onnx.ml sets (${list}); custom operators cannot run here.`,
    );
  }
  if (info.functionCount > 0) {
    throw new ModelRejectedError(
      `The model defines ${info.functionCount} function(s) of its own (model-local FunctionProto); only the standard ai.onnx and ai.onnx.ml operators are accepted.`,
    );
  }
}

function threshold(info: ModelInfo): number {
  const raw = info.metadata[THRESHOLD_METADATA_KEY];
  if (raw === undefined) return DEFAULT_THRESHOLD;
  const t = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(t))
    throw new ModelRejectedError(`The model's metadata "${THRESHOLD_METADATA_KEY}" must be a number; it is "${raw}".`);
  return t;
}

/**
 * Checks a model against a challenge: size, ONNX well-formedness, no external data, standard operators only, one
 * float32 [N, F] input with F = the challenge's feature count, and a readable output. Returns how to run it.
 */
export function validateModel(bytes: Uint8Array, features: readonly string[], maxMb = DEFAULT_MODEL_MAX_MB): ModelPlan {
  if (bytes.byteLength === 0) throw new ModelRejectedError("The upload is empty: choose an .onnx file.");
  if (bytes.byteLength > maxMb * 1024 * 1024)
    throw new ModelRejectedError(`The model is ${mb(bytes.byteLength)} MB; this challenge accepts models of at most ${maxMb} MB.`);
  let info: ModelInfo;
  try {
    info = readModel(bytes);
  } catch (err) {
    if (err instanceof ProtobufError)
      throw new ModelRejectedError(`The file is not an ONNX model: it does not parse as an ONNX ModelProto (${err.message}).`);
    throw err;
  }
  if (info.externalTensors.length > 0) {
    const names = info.externalTensors
      .slice(0, 5)
      .map((n) => `"${n}"`)
      .join(", ");
    throw new ModelRejectedError(
      `The model refers to external data files (tensor ${names}); those would name files on the server. Save it with every weight inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False)).`,
    );
  }
  checkOperatorSets(info);
  const inputName = checkInput(info, features.length);
  return { inputName, output: chooseOutput(info), operatorCount: info.operatorCount, threshold: threshold(info), opsets: info.opsets };
}
