import { applyIgnoreChanges, parsePropertyPath } from "../../tools/engine-standin/ignore-changes";
import { annotateSecrets, revealSecrets, secretEnvelope } from "../../tools/engine-standin/values";

/* The engine's handling of property values, on plain data: the rules the stand-in follows (README). */
describe("secrets re-marked on what a provider that does not accept secrets returns (provider_plugin.go, annotateSecrets)", () => {
  test("an output whose input of the same name held a secret becomes secret; objects are followed key by key", () => {
    const inputs = { oidc: secretEnvelope({ clientSecret: "s" }), saml: { certificate: secretEnvelope("pem"), ssoUrl: "https://x" }, name: "a" };
    const outputs = { oidc: { clientSecretDigest: "d" }, saml: { certificate: "pem", ssoUrl: "https://x" }, name: "a", id: "conn_1" };
    expect(annotateSecrets(outputs, inputs)).toEqual({
      oidc: secretEnvelope({ clientSecretDigest: "d" }),
      saml: { certificate: secretEnvelope("pem"), ssoUrl: "https://x" },
      name: "a",
      id: "conn_1",
    });
  });
});

describe("secrets stripped for a provider that does not accept them (provider_plugin.go, MarshalProperties with KeepSecrets false)", () => {
  test("every envelope, however deep, is replaced by its content; the input is left as it was", () => {
    const inputs = { oidc: secretEnvelope({ clientSecret: secretEnvelope("s") }), list: [secretEnvelope("a"), "b"], name: "a" };
    expect(revealSecrets(inputs)).toEqual({ oidc: { clientSecret: "s" }, list: ["a", "b"], name: "a" });
    expect(inputs.oidc).toEqual(secretEnvelope({ clientSecret: secretEnvelope("s") }));
  });

  test("a bag without secrets is handed on as it is, not copied", () => {
    const inputs = { name: "a", saml: { ssoUrl: "https://x" }, list: [1, 2] };
    expect(revealSecrets(inputs)).toBe(inputs);
  });
});

describe("ignoreChanges (step_generator.go, processIgnoreChanges; properties_path.go, Reset)", () => {
  test.each<[string, Array<string | number> | undefined]>([
    ["displayName", ["displayName"]],
    ["saml.metadataUrl", ["saml", "metadataUrl"]],
    ["domains[1]", ["domains", 1]],
    ['metadata["a.b"]', ["metadata", "a.b"]],
    [".bad", undefined],
  ])("parses %s", (path, keys) => {
    expect(parsePropertyPath(path)).toEqual(keys);
  });

  const olds = { displayName: "Old", saml: secretEnvelope({ metadataUrl: "https://old" }), features: { sso: true } };

  test("each listed path takes the old value; a path the old inputs lack is removed", () => {
    const news = { displayName: "New", saml: secretEnvelope({ metadataUrl: "https://new", entityId: "e" }), features: { sso: false }, slug: "acme" };
    const { inputs, invalid } = applyIgnoreChanges(news, olds, ["displayName", "saml.metadataUrl", "slug"]);
    expect(invalid).toEqual([]);
    expect(inputs).toEqual({ displayName: "Old", saml: secretEnvelope({ metadataUrl: "https://old", entityId: "e" }), features: { sso: false } });
    expect(news.displayName).toBe("New");
  });

  test("a path that crosses a value of another shape cannot be ignored, and is reported", () => {
    expect(applyIgnoreChanges({ displayName: "New" }, olds, ["displayName.first"]).invalid).toEqual(["displayName.first"]);
  });
});
