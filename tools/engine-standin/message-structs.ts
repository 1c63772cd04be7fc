import { structpb } from "./sdk";
import { decodeStruct, fieldTag, Reader, Writer, writeStructFields } from "./struct-codec";
import type { Bag } from "./values";

/** A message of the SDK's generated protobuf code (google-protobuf; untyped, as sdk.ts loads it). */
interface GeneratedMessage {
  serializeBinary(): Uint8Array;
}

/** Its class. */
interface GeneratedClass {
  new (): GeneratedMessage;
  deserializeBinary(bytes: Uint8Array): any;
}

/**
 * A generated message whose Struct fields (property bags) go through struct-codec.ts, and every other
 * field through the generated code. Protobuf lets a message's fields come in any order, so the encoding
 * is the generated encoding of the other fields followed by the Struct fields; the decoding takes the
 * Struct fields out of the bytes and hands the rest to the generated decoder.
 */
export class MessageStructs {
  private readonly numbers: Record<string, number>;
  private readonly names = new Map<number, string>();

  /** `fields`: the Struct fields by their name in the generated code (`news` for setNews/getNews). */
  constructor(
    private readonly Message: GeneratedClass,
    fields: readonly string[],
  ) {
    this.numbers = Object.fromEntries(fields.map((field) => [field, fieldNumberOf(Message, field)]));
    for (const [field, number] of Object.entries(this.numbers)) this.names.set(number, field);
  }

  /** `message` with no Struct field set, and the bags of its Struct fields (an undefined one is left unset). */
  encode(message: GeneratedMessage, structs: Record<string, Bag | undefined>): Buffer {
    const others = message.serializeBinary();
    return Writer.write((writer) => {
      writer.raw(others);
      for (const [field, bag] of Object.entries(structs)) {
        if (bag === undefined) continue;
        const number = this.numbers[field];
        if (number === undefined) throw new Error(`${field} is not a Struct field of this message`);
        writer.message(number, () => writeStructFields(writer, bag));
      }
    });
  }

  /** The message (its Struct fields unset) and the bags of the Struct fields present. */
  decode(bytes: Uint8Array): { message: any; structs: Record<string, Bag | undefined> } {
    const reader = new Reader(bytes);
    const others: Uint8Array[] = [];
    const structs: Record<string, Bag | undefined> = {};
    while (reader.position < bytes.length) {
      const start = reader.position;
      const tag = reader.varint();
      const field = this.names.get(Math.floor(tag / 8));
      if (field !== undefined && tag === fieldTag(Math.floor(tag / 8), 2)) {
        const end = reader.lengthEnd();
        // A field repeated on the wire: the last one wins, as google-protobuf reads it.
        structs[field] = decodeStruct(bytes.subarray(reader.position, end));
        reader.position = end;
      } else {
        reader.skip(tag);
        others.push(bytes.subarray(start, reader.position));
      }
    }
    return { message: this.Message.deserializeBinary(others.length === 1 ? others[0] : Buffer.concat(others)), structs };
  }
}

/** The number the generated code writes a Struct field under, read from its own encoding of an empty one. */
function fieldNumberOf(Message: GeneratedClass, field: string): number {
  const setter = `set${field[0].toUpperCase()}${field.slice(1)}`;
  const message = new Message() as GeneratedMessage & Record<string, (value: unknown) => GeneratedMessage>;
  if (typeof message[setter] !== "function") throw new Error(`the generated message has no ${setter}`);
  const bytes = message[setter](new structpb.Struct()).serializeBinary();
  return Math.floor(new Reader(bytes).varint() / 8);
}
