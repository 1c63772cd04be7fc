import { GrpcFailure, GrpcStatus, UnaryClient, UnaryServer } from "../../tools/engine-standin/grpc-unary";
import { ResourceMonitorServer } from "../../tools/engine-standin/monitor";
import { resourcepb, resourcerpc, STANDIN_SDK } from "../../tools/engine-standin/sdk";

/* The stand-in's own gRPC transport (unary calls over node:http2), against itself and against @grpc/grpc-js. */
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [STANDIN_SDK] }));

describe("unary gRPC over HTTP/2", () => {
  let server: UnaryServer;
  let client: UnaryClient;

  beforeAll(async () => {
    server = await UnaryServer.listen(
      {
        "/test.Echo/Reverse": (request) => Buffer.from(request).reverse(),
        "/test.Echo/Refuse": (request) => {
          throw new GrpcFailure(GrpcStatus.UNAVAILABLE, request.toString("utf8"));
        },
        "/test.Echo/Crash": () => {
          throw new Error("handler crashed");
        },
      },
      (unknown) => `${unknown} is not served here`,
    );
    client = UnaryClient.connect(server.address);
  });
  afterAll(async () => {
    client.close();
    await server.close();
  });

  test("a message goes out and its answer comes back, large or empty, many calls at once", async () => {
    const large = Buffer.alloc(200_000, 7);
    large[0] = 1;
    const [reversed, empty, ...many] = await Promise.all([
      client.call("/test.Echo/Reverse", large),
      client.call("/test.Echo/Reverse", new Uint8Array()),
      ...Array.from({ length: 50 }, (_, index) => client.call("/test.Echo/Reverse", Buffer.from([index, 0]))),
    ]);
    expect(reversed.length).toBe(large.length);
    expect(reversed[reversed.length - 1]).toBe(1);
    expect(empty.length).toBe(0);
    expect(many.map((answer) => answer[1])).toEqual(Array.from({ length: 50 }, (_, index) => index));
  });

  test("a failure keeps its status and its message (any characters), an unknown method is UNIMPLEMENTED", async () => {
    const message = "stopped: 100% of «résumé»\nline two";
    await expect(client.call("/test.Echo/Refuse", Buffer.from(message))).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE, details: message });
    await expect(client.call("/test.Echo/Crash", new Uint8Array())).rejects.toMatchObject({ code: GrpcStatus.UNKNOWN, details: "handler crashed" });
    await expect(client.call("/test.Echo/Missing", new Uint8Array())).rejects.toMatchObject({ code: GrpcStatus.UNIMPLEMENTED, details: "/test.Echo/Missing is not served here" });
  });

  test("the monitor answers a program's @grpc/grpc-js client: a feature query, and what it does not model as UNIMPLEMENTED with the reason", async () => {
    const handlers = { register: () => Promise.reject(new Error("unused")), registerOutputs: () => {}, log: () => {}, programDone: () => Promise.resolve() };
    const monitor = await ResourceMonitorServer.start({ project: "p", stack: "s" }, handlers);
    const sdkClient = new resourcerpc.ResourceMonitorClient(monitor.address, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown) =>
      new Promise<T>((resolve, reject) => sdkClient[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));
    try {
      const secrets = await call<any>("supportsFeature", new resourcepb.SupportsFeatureRequest().setId("secrets"));
      expect(secrets.getHassupport()).toBe(true);
      const transforms = await call<any>("supportsFeature", new resourcepb.SupportsFeatureRequest().setId("transforms"));
      expect(transforms.getHassupport()).toBe(false);
      await expect(call("readResource", new resourcepb.ReadResourceRequest().setType("t").setName("n"))).rejects.toMatchObject({
        code: grpc.status.UNIMPLEMENTED,
        details: "ReadResource (`.get` and StackReference) is not modelled by the engine stand-in (tools/engine-standin/README.md)",
      });
    } finally {
      sdkClient.close();
      await monitor.stop();
    }
  });
});
