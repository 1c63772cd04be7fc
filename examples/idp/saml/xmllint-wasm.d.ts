/** The package ships no types: its one export is samlify's schema validator. */
declare module "@authenio/samlify-xmllint-wasm" {
  /** Resolves when `xml` is valid against the SAML 2.0 schemas; rejects otherwise. */
  export function validate(xml: string): Promise<boolean>;
}
