/**
 * The protobuf wire format, just enough to read (and re-emit) an ONNX ModelProto without a schema compiler: fields
 * are (number, wire type, value) triples; a message is a run of fields. Varints above 2⁵³ lose precision, which no
 * field read here (versions, enum values, dimensions, lengths) ever needs.
 *
 * Worked example: bytes 08 96 01 are field 1, wire type 0 (varint), value 150.
 */

export class ProtobufError extends Error {}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

export interface Field {
  number: number;
  wire: number;
  /** Varint value (wire 0). */
  value: number;
  /** Payload of a length-delimited field (wire 2), a view into the message's bytes. */
  bytes: Uint8Array;
  /** The whole field, tag included, for copying it unchanged. */
  raw: Uint8Array;
}

const EMPTY: Uint8Array = new Uint8Array(0);

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new ProtobufError("truncated varint");
    const byte = buf[pos++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
  throw new ProtobufError("varint longer than 10 bytes");
}

/** Every field of one message, in order; throws ProtobufError on anything that is not well-formed protobuf. */
export function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    const number = Math.floor(tag / 8);
    const wire = tag % 8;
    if (number === 0) throw new ProtobufError("field number 0");
    pos = afterTag;
    let value = 0;
    let bytes: Uint8Array = EMPTY;
    switch (wire) {
      case WIRE_VARINT:
        [value, pos] = readVarint(buf, pos);
        break;
      case WIRE_FIXED64:
        pos += 8;
        break;
      case WIRE_FIXED32:
        pos += 4;
        break;
      case WIRE_BYTES: {
        const [length, afterLength] = readVarint(buf, pos);
        if (afterLength + length > buf.length) throw new ProtobufError("length-delimited field runs past the end");
        bytes = buf.subarray(afterLength, afterLength + length);
        pos = afterLength + length;
        break;
      }
      default:
        throw new ProtobufError(`unsupported wire type ${wire}`);
    }
    if (pos > buf.length) throw new ProtobufError("field runs past the end");
    yield { number, wire, value, bytes, raw: buf.subarray(start, pos) };
  }
}

export function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Repeated int64 field values, packed (wire 2) or not (wire 0). */
export function varints(field: Field): number[] {
  if (field.wire === WIRE_VARINT) return [field.value];
  if (field.wire !== WIRE_BYTES) throw new ProtobufError(`field ${field.number} is not an integer`);
  const out: number[] = [];
  for (let pos = 0; pos < field.bytes.length;) {
    const [v, next] = readVarint(field.bytes, pos);
    out.push(v);
    pos = next;
  }
  return out;
}

function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** A length-delimited field (a string, bytes or a nested message). */
export function bytesField(number: number, payload: Uint8Array | string): Uint8Array {
  const data = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
  return concat([Uint8Array.from([...encodeVarint(number * 8 + WIRE_BYTES), ...encodeVarint(data.length)]), data]);
}

export function varintField(number: number, value: number): Uint8Array {
  return Uint8Array.from([...encodeVarint(number * 8 + WIRE_VARINT), ...encodeVarint(value)]);
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
