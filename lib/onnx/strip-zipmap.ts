/**
 * onnxruntime-node returns tensors only, but scikit-learn and XGBoost classifiers exported with onnxmltools end in
 * a ZipMap (a sequence of {class: probability} maps). This rewrites the model so that the tensor feeding the ZipMap
 * is the graph output instead: the ZipMap node is dropped and the declared output renamed, every other byte copied.
 */
import { bytesField, concat, fields, utf8, varintField } from "./protobuf";
import { ELEM_FLOAT } from "./model-proto";
import type { OutputPlan } from "./validate";

function nodeOutputs(node: Uint8Array): string[] {
  const out: string[] = [];
  for (const f of fields(node)) if (f.number === 2) out.push(utf8(f.bytes));
  return out;
}

function valueInfoName(v: Uint8Array): string {
  for (const f of fields(v)) if (f.number === 1) return utf8(f.bytes);
  return "";
}

/** ValueInfoProto { name, type: { tensor_type: { elem_type: float } } }; the shape is left to the runtime. */
function floatTensorValueInfo(name: string): Uint8Array {
  return concat([bytesField(1, name), bytesField(2, bytesField(1, varintField(1, ELEM_FLOAT)))]);
}

function rewriteGraph(graph: Uint8Array, plan: Required<Pick<OutputPlan, "zipMapOutput">> & OutputPlan): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields(graph)) {
    if (f.number === 1 && nodeOutputs(f.bytes)[0] === plan.zipMapOutput) continue;
    if (f.number === 12 && valueInfoName(f.bytes) === plan.zipMapOutput) parts.push(bytesField(12, floatTensorValueInfo(plan.name)));
    else parts.push(f.raw);
  }
  return concat(parts);
}

/** The model as the runner loads it: unchanged unless its output is a ZipMap. */
export function runnableModel(bytes: Uint8Array, output: OutputPlan): Uint8Array {
  if (!output.zipMapOutput) return bytes;
  const plan = { ...output, zipMapOutput: output.zipMapOutput };
  return concat([...fields(bytes)].map((f) => (f.number === 7 ? bytesField(7, rewriteGraph(f.bytes, plan)) : f.raw)));
}
