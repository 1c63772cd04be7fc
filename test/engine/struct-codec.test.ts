import { MessageStructs } from "../../tools/engine-standin/message-structs";
import { providerpb, structpb } from "../../tools/engine-standin/sdk";
import { decodeStruct, encodeStruct } from "../../tools/engine-standin/struct-codec";

/* The stand-in's own google.protobuf.Struct codec, checked against google-protobuf in both directions. */
const longText = "é🙂".repeat(6_000);
const BAGS: Array<[string, Record<string, unknown>]> = [
  ["empty", {}],
  ["scalars", { text: "a", empty: "", zero: 0, negative: -1.5, large: 2 ** 53, tiny: 5e-324, yes: true, no: false, nothing: null }],
  ["nested", { saml: { certificate: "-----BEGIN CERTIFICATE-----\nMII…", attributes: { email: "mail" } }, list: ["a", null, 1, [true, { deep: [] }]], none: {} }],
  ["unicode keys and long values", { "clé 🙂": longText, ["x".repeat(200)]: "y".repeat(20_000) }],
  ["a secret envelope", { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: { clientSecret: "s" } }],
];
const viaGoogleProtobuf = (bag: Record<string, unknown>) => Buffer.from(structpb.Struct.fromJavaScript(bag).serializeBinary());
const readByGoogleProtobuf = (bytes: Uint8Array) => structpb.Struct.deserializeBinary(bytes).toJavaScript();

describe("google.protobuf.Struct codec", () => {
  test.each(BAGS)("%s: what it writes, google-protobuf reads back as the same value, and the other way round", (_name, bag) => {
    expect(readByGoogleProtobuf(encodeStruct(bag))).toEqual(bag);
    expect(decodeStruct(viaGoogleProtobuf(bag))).toEqual(bag);
  });

  test("NaN and infinities survive, as doubles do", () => {
    expect(decodeStruct(encodeStruct({ a: NaN, b: Infinity, c: -Infinity }))).toEqual({ a: NaN, b: Infinity, c: -Infinity });
  });

  test("an undefined value is refused, as google-protobuf refuses it", () => {
    expect(() => viaGoogleProtobuf({ a: undefined })).toThrow();
    expect(() => encodeStruct({ a: undefined })).toThrow(/undefined/);
  });

  test("a value with no kind set is refused, as google-protobuf refuses it", () => {
    const bytes = new structpb.Struct();
    bytes.getFieldsMap().set("a", new structpb.Value());
    const encoded = bytes.serializeBinary();
    expect(() => readByGoogleProtobuf(encoded)).toThrow();
    expect(() => decodeStruct(encoded)).toThrow(/no kind/);
  });
});

describe("a generated message with its Struct fields through the codec", () => {
  const checkRequests = new MessageStructs(providerpb.CheckRequest, ["olds", "news"]);
  const checkResponses = new MessageStructs(providerpb.CheckResponse, ["inputs"]);
  const [, news] = BAGS[2];

  test("written: google-protobuf reads every field, Struct fields included", () => {
    const bytes = checkRequests.encode(new providerpb.CheckRequest().setUrn("urn:pulumi:s::p::t::n").setName("n"), { olds: {}, news });
    const request = providerpb.CheckRequest.deserializeBinary(bytes);
    expect(request.getUrn()).toBe("urn:pulumi:s::p::t::n");
    expect(request.getName()).toBe("n");
    expect(request.getOlds().toJavaScript()).toEqual({});
    expect(request.getNews().toJavaScript()).toEqual(news);
  });

  test("read: what google-protobuf wrote, the Struct fields apart, the others in the generated message; an absent Struct field is undefined", () => {
    const failure = new providerpb.CheckFailure().setProperty("slug").setReason("slug: bad");
    const written = new providerpb.CheckResponse().setInputs(structpb.Struct.fromJavaScript(news)).setFailuresList([failure]).serializeBinary();
    const { message, structs } = checkResponses.decode(written);
    expect(structs.inputs).toEqual(news);
    expect(message.getFailuresList().map((item: any) => [item.getProperty(), item.getReason()])).toEqual([["slug", "slug: bad"]]);
    expect(message.hasInputs()).toBe(false);
    expect(checkResponses.decode(new providerpb.CheckResponse().serializeBinary()).structs.inputs).toBeUndefined();
  });

  test("a Struct field repeated on the wire is read as google-protobuf reads it: the last one", () => {
    const first = checkResponses.encode(new providerpb.CheckResponse(), { inputs: { a: 1, b: 1 } });
    const second = checkResponses.encode(new providerpb.CheckResponse(), { inputs: { b: 2 } });
    const twice = Buffer.concat([first, second]);
    expect(checkResponses.decode(twice).structs.inputs).toEqual(providerpb.CheckResponse.deserializeBinary(twice).getInputs().toJavaScript());
    expect(checkResponses.decode(twice).structs.inputs).toEqual({ b: 2 });
  });
});
