/** The first form of a page, as a browser would submit it. */
export interface HtmlForm {
  action: URL;
  method: "GET" | "POST";
  /** Every named input, in page order, with its current value. */
  fields: Array<{ name: string; type: string; value: string; required: boolean }>;
}

/** Finds the page's first `<form>` and its inputs. Enough for login pages and auto-posting SAML forms; not a general HTML parser. */
export function firstForm(html: string, pageUrl: URL): HtmlForm | undefined {
  const match = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!match) return undefined;
  const formAttributes = attributesOf(match[1]);
  const fields = [...match[2].matchAll(/<input\b([^>]*)>/gi)]
    .map((input) => attributesOf(input[1]))
    .filter((attributes) => attributes.name !== undefined)
    .map((attributes) => ({ name: attributes.name!, type: (attributes.type ?? "text").toLowerCase(), value: attributes.value ?? "", required: "required" in attributes }));
  return {
    action: new URL(formAttributes.action ?? pageUrl.href, pageUrl),
    method: (formAttributes.method ?? "get").toUpperCase() === "POST" ? "POST" : "GET",
    fields,
  };
}

/** A form's fields as `application/x-www-form-urlencoded`. */
export function encodeForm(form: HtmlForm): string {
  return new URLSearchParams(form.fields.map((field) => [field.name, field.value])).toString();
}

function attributesOf(tag: string): Record<string, string | undefined> {
  const attributes: Record<string, string | undefined> = {};
  for (const [, name, doubleQuoted, singleQuoted, bare] of tag.matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    const value = doubleQuoted ?? singleQuoted ?? bare;
    attributes[name.toLowerCase()] = value === undefined ? "" : decodeEntities(value);
  }
  return attributes;
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === "#") return String.fromCodePoint(body[1].toLowerCase() === "x" ? parseInt(body.slice(2), 16) : Number(body.slice(1)));
    return named[body.toLowerCase()] ?? entity;
  });
}
