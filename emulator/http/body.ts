import type { IncomingMessage } from "node:http";
import { ApiError } from "../errors";

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError("INVALID_ARGUMENT", "request body exceeds 1 MiB");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Parses a JSON request body; an empty body reads as `{}` as grpc-gateway does. */
export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ApiError("INVALID_ARGUMENT", `request body is not valid JSON: ${(err as Error).message}`);
  }
}
