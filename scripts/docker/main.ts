import { parseArgs } from "node:util";
import { dockerEngineVersion } from "./docker-cli";
import { extraCaCertificates } from "./extra-ca-certificates";
import { ensureLocalNodeImage } from "./local-node-image";
import { buildSampleImage } from "./sample-image";

const USAGE = `usage: npm run -s image:mcp-server [-- options]
  --tag NAME        the image's name (default scalekit-mcp-notes:latest, the stack's default)
  --official-base   build on the official node:20-slim (pulled from Docker Hub) instead of an image
                    made from this machine's Node
Builds examples/mcp-server's image on the local Docker engine, trusting the certificates this machine
trusts beyond Node's own (a TLS-inspecting proxy's, for npm inside the build).`;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tag: { type: "string" }, "official-base": { type: "boolean" }, help: { type: "boolean" } } });
  if (values.help) return console.log(USAGE);
  const tag = values.tag ?? "scalekit-mcp-notes:latest";
  console.error(`Docker engine ${await dockerEngineVersion()}`);
  const baseImage = values["official-base"] ? undefined : await ensureLocalNodeImage();
  console.error(`building ${tag} on ${baseImage ?? "node:20-slim"}…`);
  await buildSampleImage(tag, { baseImage, extraCaCertificates: extraCaCertificates() });
  console.log(tag);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
