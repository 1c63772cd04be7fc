import { Document, isCollection, isMap, isPair, isScalar, isSeq, type Node, type YAMLMap } from "yaml";
import type { ScaffoldedTenant } from "./tenant-entry";

/** Fields written on one line (`{ plan: gold }`), as a person writes them in tenants.yaml. */
const FLOW_FIELDS = ["metadata", "features", "attributeMapping", "scopes", "clientSecret"];

export interface DocumentHeader {
  environmentUrl: string;
  generatedAt: Date;
}

/**
 * The text of the scaffolded tenants.yaml: a header saying what the file is and which secrets to set,
 * then one entry per tenant, the notes about what it leaves out written as comments above it.
 */
export function tenantsDocument(tenants: readonly ScaffoldedTenant[], header: DocumentHeader): string {
  const document = new Document({ tenants: [] });
  document.commentBefore = headerLines(tenants, header).map((line) => ` ${line}`.trimEnd()).join("\n");
  const list = document.get("tenants", true) as unknown as { items: Node[] };
  tenants.forEach((tenant, index) => {
    const entry = document.createNode(tenant.entry) as YAMLMap;
    flowSmallCollections(entry);
    if (tenant.secretConfigKey) {
      const secret = (entry.getIn(["sso", "oidc"], true) as YAMLMap).items.find((pair) => isScalar(pair.key) && pair.key.value === "clientSecret")!;
      (secret.key as Node).commentBefore = ` Scalekit never returns it: \`pulumi config set --secret ${tenant.secretConfigKey} <the client secret>\` before \`pulumi up\``;
    }
    if (tenant.notes.length) entry.commentBefore = tenant.notes.flatMap((note) => wrapped(note, 96)).map((line) => ` ${line}`).join("\n");
    if (index > 0) entry.spaceBefore = true;
    list.items.push(entry);
  });
  return document.toString({ lineWidth: 0, blockQuote: "literal" });
}

function headerLines(tenants: readonly ScaffoldedTenant[], { environmentUrl, generatedAt }: DocumentHeader): string[] {
  const secrets = tenants.flatMap((tenant) => (tenant.secretConfigKey ? [tenant.secretConfigKey] : []));
  return [
    `Scaffolded by \`npm run scaffold\` from ${environmentUrl} on ${generatedAt.toISOString().slice(0, 10)}: ${tenants.length} organizations,`,
    "in the order Scalekit created them. Field reference: docs/onboarding.md.",
    "",
    "Every tenant has `adopt: true`: the first `pulumi up` takes over what already exists (the organization",
    "by its external id, or by organizationId where it has none; domains by name; the connection by its key",
    "id, or by sso.connectionId) and writes only what differs from this file: nothing, right after this",
    "scaffold. Keys are stable identities: never change one. Organizations are protected (protect: true).",
    "",
    "Not in this file: admin portal links (Scalekit never returns them; mint one with",
    "`npx pulumi-scalekit portal-link <tenant>`), and what the comment above an entry names. What is not declared",
    "stays in Scalekit as it is: Pulumi neither changes nor deletes it.",
    ...(secrets.length
      ? ["", "OIDC client secrets are referenced, never written (Scalekit never returns them). Set each one before `pulumi up`:", ...secrets.map((key) => `  pulumi config set --secret ${key} <the client secret>`)]
      : []),
  ];
}

function flowSmallCollections(node: unknown): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isPair(pair) && isScalar(pair.key) && FLOW_FIELDS.includes(String(pair.key.value)) && isCollection(pair.value)) pair.value.flow = true;
      else flowSmallCollections(pair.value);
    }
  } else if (isSeq(node)) {
    // A list of names on one line, as `domains: [acmecorp.com]`; a list with mappings one per line.
    node.flow = node.items.every((item) => isScalar(item));
    for (const item of node.items) {
      if (isMap(item)) item.flow = item.items.length <= 2 && item.items.every((pair) => isScalar(pair.value));
      flowSmallCollections(item);
    }
  }
}

/** A note as comment lines of at most `width` characters (words never cut). */
function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
