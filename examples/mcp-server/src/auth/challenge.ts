import type { Response } from "express";

/**
 * RFC 6750 §3 challenges in the form Scalekit's MCP demos send: `Bearer realm="OAuth"` plus the
 * RFC 9728 `resource_metadata` URL, which is how an MCP client finds the authorization server.
 */
export class BearerChallenge {
  constructor(private readonly resourceMetadataUrl: string) {}

  /** No credentials: no error code (RFC 6750 §3.1). */
  missingToken(res: Response): void {
    this.send(res, 401, {}, { error: "unauthorized", error_description: "an Authorization: Bearer access token is required" });
  }

  invalidToken(res: Response, description: string): void {
    this.send(res, 401, { error: "invalid_token", error_description: description }, { error: "invalid_token", error_description: description });
  }

  insufficientScope(res: Response, scope: string): void {
    const description = `this tool needs the ${scope} scope`;
    this.send(res, 403, { error: "insufficient_scope", scope, error_description: description }, { error: "insufficient_scope", error_description: description });
  }

  private send(res: Response, status: number, params: Record<string, string>, body: object): void {
    const attributes = { realm: "OAuth", ...params, resource_metadata: this.resourceMetadataUrl };
    const header = Object.entries(attributes)
      .map(([name, value]) => `${name}="${value.replace(/["\\]/g, "")}"`)
      .join(", ");
    res.status(status).set("WWW-Authenticate", `Bearer ${header}`).json(body);
  }
}
