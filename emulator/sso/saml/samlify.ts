import { validate } from "@authenio/samlify-xmllint-wasm";
import * as samlify from "samlify";

// samlify refuses to parse a message without a schema validator. The WebAssembly build of xmllint
// needs no native code and no Java.
samlify.setSchemaValidator({ validate });

export { samlify };
