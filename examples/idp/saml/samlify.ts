import { validate } from "@authenio/samlify-xmllint-wasm";
import * as samlify from "samlify";

// The IdP's own samlify (the emulator sets up its own the same way, as the other party of the
// exchange): samlify refuses to parse a message without a schema validator, and the WebAssembly
// build of xmllint needs no native code and no Java.
samlify.setSchemaValidator({ validate });

export { samlify };
