/**
 * Method + path-template routing with grpc-gateway's template syntax: `{name}` captures one path
 * segment, and a `:verb` suffix on the last segment (`/connections/{id}:enable`) or a literal colon
 * inside a segment (`/organizations:external/{external_id}`) is matched literally.
 */

export type PathParams = Record<string, string>;

interface Route<H> {
  method: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
  handler: H;
  hasVerb: boolean;
}

export type RouteMatch<H> =
  | { kind: "found"; handler: H; params: PathParams; template: string }
  | { kind: "method-not-allowed" }
  | { kind: "not-found" };

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const { regex, paramNames, hasVerb } = compileTemplate(template);
    this.routes.push({ method: method.toUpperCase(), template, regex, paramNames, handler, hasVerb });
    // Templates with a verb are tried first so `{id}:enable` wins over a bare `{id}`.
    this.routes.sort((a, b) => Number(b.hasVerb) - Number(a.hasVerb));
    return this;
  }

  match(method: string, pathname: string): RouteMatch<H> {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.regex.exec(pathname);
      if (!m) continue;
      pathMatched = true;
      if (route.method !== method.toUpperCase()) continue;
      const params: PathParams = {};
      route.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1]);
      });
      return { kind: "found", handler: route.handler, params, template: route.template };
    }
    return pathMatched ? { kind: "method-not-allowed" } : { kind: "not-found" };
  }
}

function compileTemplate(template: string): { regex: RegExp; paramNames: string[]; hasVerb: boolean } {
  const paramNames: string[] = [];
  const segments = template.split("/").slice(1);
  const last = segments[segments.length - 1] ?? "";
  const hasVerb = /}:[A-Za-z_]+$/.test(last);
  const parts = segments.map((segment, index) => {
    const isLast = index === segments.length - 1;
    return segment.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}|[^{]+/g, (token, name: string | undefined) => {
      if (name === undefined) return escapeRegex(token);
      paramNames.push(name);
      // A captured segment may contain ':' except where a verb follows it.
      return isLast && hasVerb ? "([^/:]+)" : "([^/]+)";
    });
  });
  return { regex: new RegExp(`^/${parts.join("/")}$`), paramNames, hasVerb };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
