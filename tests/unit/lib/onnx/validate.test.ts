import { beforeAll, describe, expect, it } from "vitest";
import { HIGGS_FEATURES } from "@/challenges/higgs-tautau/schema";
import { readModel } from "@/lib/onnx/model-proto";
import { bytesField, concat, fields, varintField } from "@/lib/onnx/protobuf";
import { runnableModel } from "@/lib/onnx/strip-zipmap";
import { ModelRejectedError, validateModel } from "@/lib/onnx/validate";
import { buildOnnxModels, onnxSkipReason, type OnnxModels } from "../../../fixtures/onnx/models";

const F = HIGGS_FEATURES;

function rejection(bytes: Uint8Array, maxMb?: number): string {
  try {
    validateModel(bytes, F, maxMb);
  } catch (err) {
    if (err instanceof ModelRejectedError) return err.message;
    throw err;
  }
  throw new Error("the model was accepted");
}

describe("protobuf reading", () => {
  it("refuses bytes that are not a ModelProto, naming the problem", () => {
    // "E" reads as the tag of a 4-byte field the text is too short for.
    expect(rejection(new TextEncoder().encode("EventId,score\n1,0.5\n"))).toBe(
      "The file is not an ONNX model: it does not parse as an ONNX ModelProto (field runs past the end).",
    );
    // Well-formed protobuf that is not a model: a lone varint field.
    expect(rejection(varintField(3, 1))).toBe("The file is not an ONNX model: it does not parse as an ONNX ModelProto (no IR version).");
    expect(rejection(bytesField(7, new Uint8Array([0x0a, 0x05])))).toMatch(/runs past the end/);
    expect(rejection(new Uint8Array(0))).toBe("The upload is empty: choose an .onnx file.");
  });

  it("refuses subgraphs nested past the depth limit instead of overflowing the stack", () => {
    // graph { node { attribute { g: graph { node { attribute { g: … } } } } } }, 40 levels.
    let graph: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < 40; i++) graph = bytesField(1, bytesField(5, concat([bytesField(1, "body"), bytesField(6, graph)])));
    expect(rejection(concat([varintField(1, 8), bytesField(7, graph)]))).toMatch(/nested more than 32 deep/);
  });
});

describe.skipIf(onnxSkipReason !== null)("validateModel", () => {
  let m: OnnxModels;
  beforeAll(() => {
    m = buildOnnxModels({ trees: 3, depth: 2 });
  }, 60_000);

  it("accepts a logistic model with output [N, 1] and reports its operators", () => {
    const plan = validateModel(m.bytes("linear"), F);
    expect(plan).toMatchObject({ inputName: "X", output: { name: "p", column: null }, operatorCount: 3, threshold: 0.5 });
  });

  it("accepts [N] scores and [N, 2] class probabilities (column 2 = signal)", () => {
    expect(validateModel(m.bytes("vector-output"), F).output).toEqual({ name: "s", column: null });
    expect(validateModel(m.bytes("trees"), F).output).toEqual({ name: "probabilities", column: 1 });
  });

  it("reads through a ZipMap to the probability tensor feeding it, and strips the ZipMap for the runtime", () => {
    const bytes = m.bytes("trees-zipmap");
    const plan = validateModel(bytes, F);
    expect(plan.output).toEqual({ name: "probability_tensor", column: 1, zipMapOutput: "probabilities" });
    const stripped = readModel(runnableModel(bytes, plan.output));
    expect(stripped.nodes.map((n) => n.opType)).toEqual(["TreeEnsembleClassifier"]);
    expect(stripped.outputs.map((o) => o.name)).toEqual(["label", "probability_tensor"]);
    expect(stripped.outputs[1]!.type).toEqual({ kind: "tensor", elem: 1, shape: null });
    // Everything else is copied byte for byte: the unchanged model is returned when there is no ZipMap.
    expect(runnableModel(m.bytes("linear"), validateModel(m.bytes("linear"), F).output)).toEqual(m.bytes("linear"));
  });

  it("refuses each malformed model with a message that says what to change", () => {
    expect(rejection(m.bytes("wrong-feature-count"))).toBe(
      'The model\'s input "X" must have shape [N, 30] (N events × the 30 features of this challenge, in the order on its page); it has [N, 29].',
    );
    expect(rejection(m.bytes("two-inputs"))).toBe('The model must have exactly one input (the 30 features); it has 2: "X", "Y".');
    expect(rejection(m.bytes("double-input"))).toBe(
      'The model\'s input "X" must be float32; it is float64. Cast the features to float32 when exporting.',
    );
    expect(rejection(m.bytes("fixed-batch"))).toBe(
      'The model\'s input "X" must have a variable first dimension (the number of events, e.g. "N"); it is fixed at 1.',
    );
    expect(rejection(m.bytes("three-classes"))).toBe(
      'The model has no output this challenge can read: it needs a float tensor with one score per event ([N] or [N, 1]), class probabilities [N, 2] (column 2 = signal) or a ZipMap of class probabilities; its outputs are "s" float32 [N, 3].',
    );
    expect(rejection(m.bytes("string-output"))).toMatch(/its outputs are "s" string \[N, 30\]\.$/);
    expect(rejection(m.bytes("custom-op"))).toBe(
      'The model uses operators outside the standard ai.onnx and ai.onnx.ml sets ("Steal" in domain "com.example.evil"); custom operators cannot run here.',
    );
    expect(rejection(m.bytes("external-data"))).toBe(
      'The model refers to external data files (tensor "W"); those would name files on the server. Save it with every weight inside the .onnx file (onnx.save_model(model, path, save_as_external_data=False)).',
    );
  });

  it("refuses a model over the challenge's size cap before parsing it", () => {
    const big = m.bytes("linear");
    expect(rejection(big, 0.0001)).toBe("The model is 0.0 MB; this challenge accepts models of at most 0.0001 MB.");
  });

  it("finds external data anywhere a tensor can sit: a Constant node's attribute inside a loop body", () => {
    // TensorProto { name: "c", data_location: EXTERNAL } as attribute t of a Constant node in a subgraph.
    const tensor = concat([bytesField(8, "c"), varintField(14, 1)]);
    const constant = bytesField(
      1,
      concat([bytesField(2, "c"), bytesField(4, "Constant"), bytesField(5, concat([bytesField(1, "value"), bytesField(5, tensor)]))]),
    );
    const loop = bytesField(1, concat([bytesField(4, "Loop"), bytesField(5, concat([bytesField(1, "body"), bytesField(6, constant)]))]));
    const model = concat([varintField(1, 8), bytesField(7, loop)]);
    expect(rejection(model)).toMatch(/^The model refers to external data files \(tensor "c"\)/);
    expect([...fields(model)].length).toBe(2);
  });

  it("reads the threshold from the model's metadata and refuses a non-number", () => {
    const withThreshold = (value: string) =>
      concat([m.bytes("linear"), bytesField(14, concat([bytesField(1, "threshold"), bytesField(2, value)]))]);
    expect(validateModel(withThreshold("0.83"), F).threshold).toBe(0.83);
    expect(rejection(withThreshold("high"))).toBe('The model\'s metadata "threshold" must be a number; it is "high".');
  });
});
