/**
 * Writes ONNX models without a schema compiler: a small graph builder whose nodes, constants and attributes are
 * encoded straight to the onnx.proto field numbers (the same ones model-proto.ts reads). It is what the baselines
 * are exported with (lib/ml/onnx/), so a baseline becomes a model file any competitor can open, run and copy.
 *
 * Worked example: const b = new GraphBuilder(); const x = b.input("X", ELEM_FLOAT, ["N", 2]);
 *   const y = b.node("Sigmoid", [x]); b.output(y, ELEM_FLOAT, ["N", 2]);
 *   b.model({ opsets: { "": 17 } }) → the bytes of a one-node model computing sigmoid(X).
 */
import { bytesField, concat, varintField } from "./protobuf";

export const ELEM_FLOAT = 1;
export const ELEM_BOOL = 9;
export const ELEM_INT64 = 7;
export const ELEM_DOUBLE = 11;

type Dim = number | string;

/** An attribute value, tagged with its ONNX attribute type. */
export type AttributeValue =
  { f: number } | { i: number } | { s: string } | { floats: ArrayLike<number> } | { ints: ArrayLike<number> } | { strings: string[] };

const ATTR_FLOAT = 1;
const ATTR_INT = 2;
const ATTR_STRING = 3;
const ATTR_FLOATS = 6;
const ATTR_INTS = 7;
const ATTR_STRINGS = 8;

/** A varint of a signed 64-bit integer: negative values take ten bytes (two's complement), as protobuf's int64 does. */
function signedVarint(value: number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}

function packedInts(number: number, values: ArrayLike<number>): Uint8Array {
  const body: number[] = [];
  for (let i = 0; i < values.length; i++) body.push(...signedVarint(values[i]!));
  return bytesField(number, Uint8Array.from(body));
}

function packedFloats(number: number, values: ArrayLike<number>): Uint8Array {
  return bytesField(number, new Uint8Array(Float32Array.from(values).buffer));
}

/** A signed int64 field (wire type 0). */
function intField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...signedVarint(number * 8), ...signedVarint(value)]);
}

function attribute(name: string, value: AttributeValue): Uint8Array {
  const parts = [bytesField(1, name)];
  if ("f" in value) {
    const f = new Uint8Array(new Float32Array([value.f]).buffer);
    parts.push(Uint8Array.from([(2 << 3) | 5, ...f]), varintField(20, ATTR_FLOAT)); // field 2, wire type 5 (fixed32)
  } else if ("i" in value) parts.push(intField(3, value.i), varintField(20, ATTR_INT));
  else if ("s" in value) parts.push(bytesField(4, value.s), varintField(20, ATTR_STRING));
  else if ("floats" in value) parts.push(packedFloats(7, value.floats), varintField(20, ATTR_FLOATS));
  else if ("ints" in value) parts.push(packedInts(8, value.ints), varintField(20, ATTR_INTS));
  else parts.push(...value.strings.map((s) => bytesField(9, s)), varintField(20, ATTR_STRINGS));
  return concat(parts);
}

/** TensorProto with its data as raw little-endian bytes (every x86 and ARM host is little-endian). */
function tensor(name: string, elem: number, dims: number[], data: Float32Array | Float64Array | BigInt64Array | Uint8Array): Uint8Array {
  return concat([
    ...(dims.length > 0 ? [packedInts(1, dims)] : []),
    varintField(2, elem),
    bytesField(8, name),
    bytesField(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
  ]);
}

function valueInfo(name: string, elem: number, shape: Dim[]): Uint8Array {
  const dims = shape.map((d) => bytesField(1, typeof d === "number" ? intField(1, d) : bytesField(2, d)));
  const tensorType = concat([varintField(1, elem), bytesField(2, concat(dims))]);
  return concat([bytesField(1, name), bytesField(2, bytesField(1, tensorType))]);
}

export class GraphBuilder {
  private readonly nodes: Uint8Array[] = [];
  private readonly initializers: Uint8Array[] = [];
  private readonly inputs: Uint8Array[] = [];
  private readonly outputs: Uint8Array[] = [];
  private count = 0;

  /** A fresh value name: `prefix` plus a counter, so composed sections never collide. */
  name(prefix = "v"): string {
    return `${prefix}_${this.count++}`;
  }

  input(name: string, elem: number, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, elem, shape));
    return name;
  }

  output(name: string, elem: number, shape: Dim[]): void {
    this.outputs.push(valueInfo(name, elem, shape));
  }

  /** A constant tensor (an initializer); scalars have dims []. */
  constant(data: Float32Array | Float64Array | BigInt64Array | Uint8Array, dims: number[], prefix = "c"): string {
    const elem =
      data instanceof Float32Array
        ? ELEM_FLOAT
        : data instanceof Float64Array
          ? ELEM_DOUBLE
          : data instanceof BigInt64Array
            ? ELEM_INT64
            : ELEM_BOOL;
    const name = this.name(prefix);
    this.initializers.push(tensor(name, elem, dims, data));
    return name;
  }

  doubles(values: number[], dims: number[] = [values.length]): string {
    return this.constant(Float64Array.from(values), dims);
  }

  int64s(values: number[], dims: number[] = [values.length]): string {
    return this.constant(BigInt64Array.from(values.map(BigInt)), dims);
  }

  /** One node; returns its (single) output's name. */
  node(op: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, domain = ""): string {
    const out = this.name(op.toLowerCase());
    this.nodeTo([out], op, inputs, attributes, domain);
    return out;
  }

  /** One node writing to the given output names (a graph output must keep its declared name). */
  nodeTo(outputs: string[], op: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, domain = ""): void {
    this.nodes.push(
      concat([
        ...inputs.map((i) => bytesField(1, i)),
        ...outputs.map((o) => bytesField(2, o)),
        bytesField(3, this.name(`n_${op}`)),
        bytesField(4, op),
        ...Object.entries(attributes).map(([k, v]) => bytesField(5, attribute(k, v))),
        ...(domain ? [bytesField(7, domain)] : []),
      ]),
    );
  }

  /** The ModelProto: IR version 8 (onnxruntime 1.14 onwards), the given operator set versions, metadata_props. */
  model(opts: {
    opsets: Record<string, number>;
    graphName?: string;
    producer?: string;
    metadata?: Record<string, string>;
    docString?: string;
  }): Uint8Array {
    const graph = concat([
      ...this.nodes.map((n) => bytesField(1, n)),
      bytesField(2, opts.graphName ?? "model"),
      ...this.initializers.map((t) => bytesField(5, t)),
      ...this.inputs.map((v) => bytesField(11, v)),
      ...this.outputs.map((v) => bytesField(12, v)),
    ]);
    return concat([
      varintField(1, 8),
      bytesField(2, opts.producer ?? "collider-arena"),
      ...(opts.docString ? [bytesField(6, opts.docString)] : []),
      bytesField(7, graph),
      ...Object.entries(opts.opsets).map(([domain, version]) => bytesField(8, concat([bytesField(1, domain), varintField(2, version)]))),
      ...Object.entries(opts.metadata ?? {}).map(([k, v]) => bytesField(14, concat([bytesField(1, k), bytesField(2, v)]))),
    ]);
  }
}
