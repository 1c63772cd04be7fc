/**
 * Unary gRPC over node:http2 for the stand-in's two ends: its client of the dynamic-provider host and
 * the ResourceMonitor/Engine server the program calls. The messages are the SDK's generated protobuf
 * classes; only the transport is the stand-in's own. @grpc/grpc-js spends about 0.3 ms of CPU per call
 * on its channel, call and filter machinery, a cost Pulumi's engine (grpc-go) does not have: at 1,000
 * resources it was a sixth of all the CPU of a benchmark's create pass on two cores.
 *
 * The wire format (gRPC over HTTP/2, grpc/grpc doc/PROTOCOL-HTTP2.md): a POST to `/<service>/<method>`
 * with `content-type: application/grpc`; each message is a 5-byte prefix (compressed flag, big-endian
 * length) and its bytes; the status comes in the trailers (`grpc-status`, percent-encoded
 * `grpc-message`, binary `-bin` headers base64-encoded), or in the headers of a response without a body.
 */
import * as http2 from "node:http2";
import type { AddressInfo } from "node:net";

/** gRPC status codes used here (grpc/grpc doc/statuscodes.md). */
export const GrpcStatus = { OK: 0, UNKNOWN: 2, UNIMPLEMENTED: 12, UNAVAILABLE: 14 } as const;

/** A failed call, shaped as @grpc/grpc-js reports one: `details` is the server's message. */
export interface GrpcCallError extends Error {
  code: number;
  details: string;
  metadata: { get(key: string): Array<string | Buffer> };
}

const GRPC_CONTENT_TYPE = "application/grpc";

function frame(message: Uint8Array): Buffer {
  const framed = Buffer.allocUnsafe(5 + message.length);
  framed[0] = 0;
  framed.writeUInt32BE(message.length, 1);
  framed.set(message, 5);
  return framed;
}

/** The one message of a unary request or response body. */
function unframe(body: Buffer): Buffer {
  if (body.length < 5) throw new Error(`a gRPC message needs a 5-byte prefix, got ${body.length} bytes`);
  if (body[0] !== 0) throw new Error("compressed gRPC messages are not supported");
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length) throw new Error(`a gRPC message of ${length} bytes came with ${body.length - 5}`);
  return body.subarray(5);
}

function callError(headers: http2.IncomingHttpHeaders): GrpcCallError {
  const code = Number(headers["grpc-status"] ?? GrpcStatus.UNKNOWN);
  const details = decodeMessage(String(headers["grpc-message"] ?? ""));
  const error = new Error(`${code} ${details}`) as GrpcCallError;
  error.code = code;
  error.details = details;
  error.metadata = {
    get: (key) => {
      const value = headers[key];
      if (value === undefined) return [];
      const values = Array.isArray(value) ? value : [value];
      return key.endsWith("-bin") ? values.map((item) => Buffer.from(item, "base64")) : values;
    },
  };
  return error;
}

function decodeMessage(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Percent-encodes what the gRPC spec does not allow as is in `grpc-message` (printable ASCII but `%`). */
function encodeMessage(text: string): string {
  return text.replace(/[^ -$&-~]/gu, (character) => encodeURIComponent(character));
}

/** A client of one gRPC server: one HTTP/2 connection, unary calls only. */
export class UnaryClient {
  private constructor(private readonly session: http2.ClientHttp2Session) {}

  /** `address` is `host:port`. */
  static connect(address: string): UnaryClient {
    const session = http2.connect(`http://${address}`);
    // A connection error fails the calls in flight; nothing else listens for it.
    session.on("error", () => undefined);
    return new UnaryClient(session);
  }

  /** Calls `/<service>/<method>` with the message's bytes; resolves with the response's bytes. */
  call(path: string, message: Uint8Array): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const stream = this.session.request({ ":method": "POST", ":path": path, "content-type": GRPC_CONTENT_TYPE, te: "trailers" });
      const chunks: Buffer[] = [];
      let status: http2.IncomingHttpHeaders | undefined;
      stream.on("response", (headers) => {
        if (headers["grpc-status"] !== undefined) status = headers;
      });
      stream.on("trailers", (trailers) => (status = trailers));
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", reject);
      stream.on("end", () => {
        if (!status) return reject(callError({ "grpc-status": String(GrpcStatus.UNKNOWN), "grpc-message": `${path}: the response carried no gRPC status` }));
        if (Number(status["grpc-status"]) !== GrpcStatus.OK) return reject(callError(status));
        try {
          resolve(unframe(Buffer.concat(chunks)));
        } catch (error) {
          reject(error);
        }
      });
      stream.end(frame(message));
    });
  }

  close(): void {
    this.session.close();
  }
}

/** A failure a handler reports with its gRPC status. */
export class GrpcFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Answers one method: the request's bytes in, the response's bytes out; throw a GrpcFailure to choose the status. */
export type UnaryHandler = (request: Buffer) => Promise<Uint8Array> | Uint8Array;

/** A gRPC server of unary methods on a loopback port; a path it does not know is UNIMPLEMENTED. */
export class UnaryServer {
  private readonly sessions = new Set<http2.ServerHttp2Session>();

  private constructor(
    private readonly server: http2.Http2Server,
    /** `127.0.0.1:<port>`. */
    readonly address: string,
  ) {
    server.on("session", (session) => {
      this.sessions.add(session);
      session.on("close", () => this.sessions.delete(session));
      session.on("error", () => undefined);
    });
  }

  static async listen(routes: Record<string, UnaryHandler>, unknownPath: (path: string) => string): Promise<UnaryServer> {
    const server = http2.createServer();
    server.on("stream", (stream, headers) => {
      const path = String(headers[":path"]);
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", () => undefined);
      stream.on("end", () => {
        const handler = routes[path];
        Promise.resolve()
          .then(() => {
            if (!handler) throw new GrpcFailure(GrpcStatus.UNIMPLEMENTED, unknownPath(path));
            return handler(unframe(Buffer.concat(chunks)));
          })
          .then(
            (response) => respond(stream, response),
            (error) => fail(stream, error instanceof GrpcFailure ? error.code : GrpcStatus.UNKNOWN, (error as Error).message),
          );
      });
    });
    const port = await new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
    });
    return new UnaryServer(server, `127.0.0.1:${port}`);
  }

  /** Stops accepting connections; resolves once the open ones have finished their calls and closed. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const session of this.sessions) session.close();
    return closed;
  }
}

function respond(stream: http2.ServerHttp2Stream, message: Uint8Array): void {
  if (stream.destroyed) return;
  stream.respond({ ":status": 200, "content-type": GRPC_CONTENT_TYPE }, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GrpcStatus.OK) }));
  stream.end(frame(message));
}

/** A response without a body: the status in its headers (a "trailers-only" response). */
function fail(stream: http2.ServerHttp2Stream, code: number, message: string): void {
  if (stream.destroyed) return;
  stream.respond({ ":status": 200, "content-type": GRPC_CONTENT_TYPE, "grpc-status": String(code), "grpc-message": encodeMessage(message) }, { endStream: true });
}
