import { validate } from "@authenio/samlify-xmllint-wasm";
import * as samlify from "samlify";

// samlify refuses to parse a message without a schema validator. The WebAssembly build of xmllint
// needs no native code and no Java. Exported as `pulumi-scalekit-emulator/samlify` too, for a SAML
// IdP of your own in tests (examples/idp/saml uses it).
samlify.setSchemaValidator({ validate });

export { samlify };
