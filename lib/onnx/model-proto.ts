/**
 * Reads what the upload checks need from an ONNX ModelProto (onnx/onnx.proto3, IR version 3 onwards): operator set
 * imports, the graph's inputs and outputs with their types, every node (subgraphs of If/Loop/Scan included) and
 * every tensor held in the file, wherever it sits, so that an external-data reference cannot hide in a Constant node
 * or a loop body. Field numbers are the ones in onnx.proto.
 */
import { type Field, fields, ProtobufError, utf8, varints } from "./protobuf";

/** TensorProto.DataType values used here. */
export const ELEM_FLOAT = 1;
export const ELEM_INT64 = 7;
export const ELEM_STRING = 8;
export const ELEM_DOUBLE = 11;

export const ELEM_NAMES: Record<number, string> = {
  1: "float32",
  2: "uint8",
  3: "int8",
  4: "uint16",
  5: "int16",
  6: "int32",
  7: "int64",
  8: "string",
  9: "bool",
  10: "float16",
  11: "float64",
  12: "uint32",
  13: "uint64",
  16: "bfloat16",
};

/** A dimension: a fixed size, a symbolic name (a batch dimension such as "N"), or unknown. */
export type Dim = number | string | null;

export type ValueType =
  | { kind: "tensor"; elem: number; shape: Dim[] | null }
  | { kind: "sequence-of-maps"; key: number; value: number }
  | { kind: "other"; what: string };

export interface ValueInfo {
  name: string;
  type: ValueType | null;
}

export interface NodeInfo {
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  /** Integer-list and string-list attributes (ZipMap's classlabels_int64s / classlabels_strings). */
  ints: Record<string, number[]>;
  strings: Record<string, string[]>;
}

export interface ModelInfo {
  irVersion: number;
  opsets: { domain: string; version: number }[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  /** Names of the main graph's initializers (older exporters also list them as graph inputs). */
  initializerNames: Set<string>;
  /** Nodes of the main graph, in order. */
  nodes: NodeInfo[];
  /** Nodes of the main graph and of every subgraph. */
  operatorCount: number;
  /** Domains of every node anywhere, with one op type each for the message. */
  nodeDomains: Map<string, string>;
  /** Names of tensors (initializers, constants, attributes) whose data lives in another file. */
  externalTensors: string[];
  /** Model-local functions (FunctionProto): custom operators defined in the file. */
  functionCount: number;
  metadata: Record<string, string>;
}

/** Subgraphs nest (a Loop in an If in a Scan…); past this depth the file is refused rather than risk the stack. */
const MAX_DEPTH = 32;

function parseDims(buf: Uint8Array): Dim[] {
  const dims: Dim[] = [];
  for (const f of fields(buf)) {
    if (f.number !== 1) continue;
    let dim: Dim = null;
    for (const d of fields(f.bytes)) {
      if (d.number === 1) dim = d.value;
      else if (d.number === 2) dim = utf8(d.bytes) || null;
    }
    dims.push(dim);
  }
  return dims;
}

function parseTensorType(buf: Uint8Array): { elem: number; shape: Dim[] | null } {
  let elem = 0;
  let shape: Dim[] | null = null;
  for (const f of fields(buf)) {
    if (f.number === 1) elem = f.value;
    else if (f.number === 2) shape = parseDims(f.bytes);
  }
  return { elem, shape };
}

function parseType(buf: Uint8Array): ValueType {
  for (const f of fields(buf)) {
    if (f.number === 1) return { kind: "tensor", ...parseTensorType(f.bytes) };
    if (f.number === 4) {
      // Sequence → its element type; ZipMap's output is seq(map(int64|string, float)).
      for (const s of fields(f.bytes)) {
        if (s.number !== 1) continue;
        for (const e of fields(s.bytes)) {
          if (e.number !== 5) continue;
          let key = 0;
          let value = 0;
          for (const m of fields(e.bytes)) {
            if (m.number === 1) key = m.value;
            else if (m.number === 2) value = tensorElem(m.bytes);
          }
          return { kind: "sequence-of-maps", key, value };
        }
      }
      return { kind: "other", what: "a sequence" };
    }
    if (f.number === 5) return { kind: "other", what: "a map" };
    if (f.number === 8) return { kind: "other", what: "a sparse tensor" };
    if (f.number === 9) return { kind: "other", what: "an optional value" };
  }
  return { kind: "other", what: "a value of unknown type" };
}

function tensorElem(typeProto: Uint8Array): number {
  for (const f of fields(typeProto)) if (f.number === 1) return parseTensorType(f.bytes).elem;
  return 0;
}

function parseValueInfo(buf: Uint8Array): ValueInfo {
  let name = "";
  let type: ValueType | null = null;
  for (const f of fields(buf)) {
    if (f.number === 1) name = utf8(f.bytes);
    else if (f.number === 2) type = parseType(f.bytes);
  }
  return { name, type };
}

class Walker {
  operatorCount = 0;
  nodeDomains = new Map<string, string>();
  externalTensors: string[] = [];

  tensor(buf: Uint8Array): string {
    let name = "";
    let external = false;
    for (const f of fields(buf)) {
      if (f.number === 8) name = utf8(f.bytes);
      // data_location = EXTERNAL (1), or any external_data entry (location, offset, length).
      else if ((f.number === 14 && f.value === 1) || f.number === 13) external = true;
    }
    if (external) this.externalTensors.push(name || "(unnamed)");
    return name;
  }

  sparseTensor(buf: Uint8Array): string {
    let name = "";
    for (const f of fields(buf)) if (f.number === 1 || f.number === 2) name ||= this.tensor(f.bytes);
    return name;
  }

  attribute(buf: Uint8Array, depth: number, node: NodeInfo): void {
    let name = "";
    const ints: number[] = [];
    const strings: string[] = [];
    for (const f of fields(buf)) {
      if (f.number === 1) name = utf8(f.bytes);
      else if (f.number === 5 || f.number === 10) this.tensor(f.bytes);
      else if (f.number === 22 || f.number === 23) this.sparseTensor(f.bytes);
      else if (f.number === 6 || f.number === 11) this.graph(f.bytes, depth + 1);
      else if (f.number === 8) ints.push(...varints(f));
      else if (f.number === 9) strings.push(utf8(f.bytes));
    }
    if (ints.length > 0) node.ints[name] = ints;
    if (strings.length > 0) node.strings[name] = strings;
  }

  node(buf: Uint8Array, depth: number): NodeInfo {
    const node: NodeInfo = { opType: "", domain: "", inputs: [], outputs: [], ints: {}, strings: {} };
    const attributes: Field[] = [];
    for (const f of fields(buf)) {
      if (f.number === 1) node.inputs.push(utf8(f.bytes));
      else if (f.number === 2) node.outputs.push(utf8(f.bytes));
      else if (f.number === 4) node.opType = utf8(f.bytes);
      else if (f.number === 7) node.domain = utf8(f.bytes);
      else if (f.number === 5) attributes.push(f);
    }
    for (const a of attributes) this.attribute(a.bytes, depth, node);
    this.operatorCount++;
    if (!this.nodeDomains.has(node.domain)) this.nodeDomains.set(node.domain, node.opType);
    return node;
  }

  graph(buf: Uint8Array, depth: number) {
    if (depth > MAX_DEPTH) throw new ProtobufError(`subgraphs nested more than ${MAX_DEPTH} deep`);
    const out = { nodes: [] as NodeInfo[], inputs: [] as ValueInfo[], outputs: [] as ValueInfo[], initializerNames: new Set<string>() };
    for (const f of fields(buf)) {
      if (f.number === 1) out.nodes.push(this.node(f.bytes, depth));
      else if (f.number === 5) out.initializerNames.add(this.tensor(f.bytes));
      else if (f.number === 15) out.initializerNames.add(this.sparseTensor(f.bytes));
      else if (f.number === 11) out.inputs.push(parseValueInfo(f.bytes));
      else if (f.number === 12) out.outputs.push(parseValueInfo(f.bytes));
    }
    return out;
  }
}

/** Decodes the parts of a ModelProto the checks need; throws ProtobufError when the bytes are not one. */
export function readModel(bytes: Uint8Array): ModelInfo {
  const walker = new Walker();
  let irVersion = 0;
  let graph: ReturnType<Walker["graph"]> | null = null;
  const opsets: ModelInfo["opsets"] = [];
  const metadata: Record<string, string> = {};
  let functionCount = 0;
  for (const f of fields(bytes)) {
    if (f.number === 1) irVersion = f.value;
    else if (f.number === 7) graph = walker.graph(f.bytes, 0);
    else if (f.number === 8) {
      let domain = "";
      let version = 0;
      for (const o of fields(f.bytes)) {
        if (o.number === 1) domain = utf8(o.bytes);
        else if (o.number === 2) version = o.value;
      }
      opsets.push({ domain, version });
    } else if (f.number === 14) {
      let key = "";
      let value = "";
      for (const e of fields(f.bytes)) {
        if (e.number === 1) key = utf8(e.bytes);
        else if (e.number === 2) value = utf8(e.bytes);
      }
      metadata[key] = value;
    } else if (f.number === 25) functionCount++;
  }
  if (irVersion === 0 || graph === null) throw new ProtobufError(irVersion === 0 ? "no IR version" : "no graph");
  return {
    irVersion,
    opsets,
    ...graph,
    operatorCount: walker.operatorCount,
    nodeDomains: walker.nodeDomains,
    externalTensors: walker.externalTensors,
    functionCount,
    metadata,
  };
}
