/**
 * google.protobuf.Struct (protobuf/src/google/protobuf/struct.proto) straight to and from plain
 * JavaScript values, with the mapping of google-protobuf's `Struct.fromJavaScript`/`toJavaScript`.
 * The stand-in moves every property bag through a Struct: google-protobuf builds a message object per
 * value on the way, which made it the largest cost of the stand-in at a thousand resources; this reads
 * and writes the bytes directly, several times faster.
 *
 *   Struct    { map<string, Value> fields = 1; }         (a map entry: key = 1, value = 2)
 *   Value     { oneof kind { NullValue null_value = 1; double number_value = 2; string string_value = 3;
 *                            bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6; } }
 *   ListValue { repeated Value values = 1; }
 */

export type StructValue = null | number | string | boolean | StructValue[] | { [key: string]: StructValue };

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** The bytes of a Struct holding `object`'s properties; undefined values are refused, as google-protobuf does. */
export function encodeStruct(object: Record<string, unknown>): Buffer {
  return Writer.write((writer) => writeStructFields(writer, object));
}

/** The object a Struct's bytes hold. */
export function decodeStruct(bytes: Uint8Array): Record<string, StructValue> {
  const reader = new Reader(bytes);
  return readStructFields(reader, bytes.length);
}

/** Writes the fields of a Struct (its map entries) holding `object`'s properties. */
export function writeStructFields(writer: Writer, object: Record<string, unknown>): void {
  for (const key in object) {
    writer.message(1, () => {
      writer.tag(1, LENGTH_DELIMITED);
      writer.string(key);
      writer.message(2, () => writeValue(writer, object[key]));
    });
  }
}

function writeValue(writer: Writer, value: unknown): void {
  switch (typeof value) {
    case "string":
      writer.tag(3, LENGTH_DELIMITED);
      return writer.string(value);
    case "number":
      writer.tag(2, FIXED64);
      return writer.double(value);
    case "boolean":
      writer.tag(4, VARINT);
      return writer.varint(value ? 1 : 0);
    case "object":
      if (value === null) {
        writer.tag(1, VARINT);
        return writer.varint(0);
      }
      if (Array.isArray(value)) return writer.message(6, () => value.forEach((item) => writer.message(1, () => writeValue(writer, item))));
      return writer.message(5, () => writeStructFields(writer, value as Record<string, unknown>));
    default:
      throw new Error(`a property value cannot be ${typeof value}`);
  }
}

function readStructFields(reader: Reader, end: number): Record<string, StructValue> {
  const object: Record<string, StructValue> = {};
  while (reader.position < end) {
    const tag = reader.varint();
    if (tag !== fieldTag(1, LENGTH_DELIMITED)) {
      reader.skip(tag);
      continue;
    }
    const entryEnd = reader.lengthEnd();
    let key = "";
    let value: StructValue = null;
    while (reader.position < entryEnd) {
      const entryTag = reader.varint();
      if (entryTag === fieldTag(1, LENGTH_DELIMITED)) key = reader.string();
      else if (entryTag === fieldTag(2, LENGTH_DELIMITED)) value = readValue(reader, reader.lengthEnd());
      else reader.skip(entryTag);
    }
    object[key] = value;
  }
  return object;
}

function readValue(reader: Reader, end: number): StructValue {
  let value: StructValue | undefined;
  while (reader.position < end) {
    const tag = reader.varint();
    switch (tag) {
      case fieldTag(1, VARINT):
        reader.varint();
        value = null;
        break;
      case fieldTag(2, FIXED64):
        value = reader.double();
        break;
      case fieldTag(3, LENGTH_DELIMITED):
        value = reader.string();
        break;
      case fieldTag(4, VARINT):
        value = reader.varint() !== 0;
        break;
      case fieldTag(5, LENGTH_DELIMITED):
        value = readStructFields(reader, reader.lengthEnd());
        break;
      case fieldTag(6, LENGTH_DELIMITED): {
        const listEnd = reader.lengthEnd();
        const list: StructValue[] = [];
        while (reader.position < listEnd) {
          const itemTag = reader.varint();
          if (itemTag === fieldTag(1, LENGTH_DELIMITED)) list.push(readValue(reader, reader.lengthEnd()));
          else reader.skip(itemTag);
        }
        value = list;
        break;
      }
      default:
        reader.skip(tag);
    }
  }
  if (value === undefined) throw new Error("a Struct value with no kind set");
  return value;
}

export const fieldTag = (field: number, wireType: number) => field * 8 + wireType;

/**
 * Protobuf writing into one growing buffer, reused from one message to the next (a new buffer per
 * message was a good part of the garbage); a nested message's length is written once its end is known.
 */
export class Writer {
  private static readonly shared = new Writer();
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private position = 0;
  private busy = false;

  private constructor() {}

  /** The bytes `write` writes, in a buffer of their own (`write` must not start another message). */
  static write(write: (writer: Writer) => void): Buffer {
    const writer = Writer.shared;
    if (writer.busy) throw new Error("a protobuf message is being written already");
    writer.busy = true;
    writer.position = 0;
    try {
      write(writer);
      return Buffer.from(writer.buffer.subarray(0, writer.position));
    } finally {
      writer.busy = false;
    }
  }

  tag(field: number, wireType: number): void {
    this.varint(fieldTag(field, wireType));
  }

  varint(value: number): void {
    this.reserve(10);
    while (value > 0x7f) {
      this.buffer[this.position++] = (value & 0x7f) | 0x80;
      value = Math.floor(value / 128);
    }
    this.buffer[this.position++] = value;
  }

  double(value: number): void {
    this.reserve(8);
    this.position = this.buffer.writeDoubleLE(value, this.position);
  }

  string(value: string): void {
    const length = Buffer.byteLength(value, "utf8");
    this.varint(length);
    this.reserve(length);
    this.position += this.buffer.write(value, this.position, length, "utf8");
  }

  raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.position);
    this.position += bytes.length;
  }

  /** A length-delimited field whose content `write` writes. */
  message(field: number, write: () => void): void {
    this.tag(field, LENGTH_DELIMITED);
    // One byte of length is reserved: most contents are shorter than 128 bytes; longer ones move up.
    this.reserve(1);
    const lengthAt = this.position++;
    write();
    const length = this.position - lengthAt - 1;
    const lengthBytes = varintSize(length);
    if (lengthBytes > 1) {
      this.reserve(lengthBytes - 1);
      this.buffer.copy(this.buffer, lengthAt + lengthBytes, lengthAt + 1, this.position);
      this.position += lengthBytes - 1;
    }
    let at = lengthAt;
    let rest = length;
    while (rest > 0x7f) {
      this.buffer[at++] = (rest & 0x7f) | 0x80;
      rest = Math.floor(rest / 128);
    }
    this.buffer[at] = rest;
  }

  private reserve(size: number): void {
    if (this.position + size <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.position + size));
    this.buffer.copy(grown, 0, 0, this.position);
    this.buffer = grown;
  }
}

function varintSize(value: number): number {
  let size = 1;
  while (value > 0x7f) {
    value = Math.floor(value / 128);
    size++;
  }
  return size;
}

/** Protobuf reading over one buffer. */
export class Reader {
  position = 0;
  private readonly buffer: Buffer;

  constructor(bytes: Uint8Array) {
    this.buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  varint(): number {
    let value = 0;
    let scale = 1;
    let byte: number;
    do {
      if (this.position >= this.buffer.length) throw new Error("truncated protobuf message");
      byte = this.buffer[this.position++];
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  }

  /** Reads a length; returns where the content it announces ends. */
  lengthEnd(): number {
    const end = this.varint() + this.position;
    if (end > this.buffer.length) throw new Error("truncated protobuf message");
    return end;
  }

  double(): number {
    const value = this.buffer.readDoubleLE(this.position);
    this.position += 8;
    return value;
  }

  string(): string {
    const end = this.lengthEnd();
    const value = this.buffer.toString("utf8", this.position, end);
    this.position = end;
    return value;
  }

  /** Skips the content of a field whose tag was just read. */
  skip(tag: number): void {
    switch (tag & 7) {
      case VARINT:
        this.varint();
        return;
      case FIXED64:
        this.position += 8;
        return;
      case LENGTH_DELIMITED:
        this.position = this.lengthEnd();
        return;
      case FIXED32:
        this.position += 4;
        return;
      default:
        throw new Error(`unsupported protobuf wire type ${tag & 7}`);
    }
  }
}
