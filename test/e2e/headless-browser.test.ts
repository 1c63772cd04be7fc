import { CookieJar } from "../../scripts/demo-sso/browser/cookie-jar";
import { encodeForm, firstForm } from "../../scripts/demo-sso/browser/html-form";

describe("the headless browser's cookie jar", () => {
  const jar = new CookieJar();
  const at = (url: string) => jar.header(new URL(url));
  beforeAll(() => {
    jar.store(new URL("http://127.0.0.1:4000/auth"), ["_session=s1; path=/; httponly; samesite=lax", "_interaction=i1; path=/interaction/abc; httponly"]);
    jar.store(new URL("http://127.0.0.1:4000/auth/abc"), ["_resume=r1; path=/auth/abc", "gone=x; path=/; max-age=0", "secure=y; path=/; secure"]);
  });

  it.each`
    url                                              | header
    ${"http://127.0.0.1:4000/"}                      | ${"_session=s1"}
    ${"http://127.0.0.1:4000/interaction/abc"}       | ${"_interaction=i1; _session=s1"}
    ${"http://127.0.0.1:4000/interaction/abcdef"}    | ${"_session=s1"}
    ${"http://127.0.0.1:4000/auth/abc"}              | ${"_resume=r1; _session=s1"}
    ${"http://127.0.0.1:5000/"}                      | ${"_session=s1"}
    ${"http://localhost:4000/"}                      | ${undefined}
  `("sends $header to $url (path-scoped, port-blind, host-bound, no expired or secure-only cookies on http)", ({ url, header }) => {
    expect(at(url)).toBe(header);
  });
});

describe("the headless browser's form reader", () => {
  it("reads the first form's action, method and inputs, entities decoded", () => {
    const page = `<html><body><form method="post" action="/sso/login">
      <input type="hidden" name="SAMLRequest" value="a&#43;b&amp;c"/>
      <input type=hidden name=RelayState value='xyz'>
      <input required type="email" name="email">
      <button type="submit">Go</button></form><form action="/other"></form></body></html>`;
    const form = firstForm(page, new URL("http://127.0.0.1:4000/sso?x=1"))!;
    expect(form.action.href).toBe("http://127.0.0.1:4000/sso/login");
    expect(form.method).toBe("POST");
    expect(form.fields).toEqual([
      { name: "SAMLRequest", type: "hidden", value: "a+b&c", required: false },
      { name: "RelayState", type: "hidden", value: "xyz", required: false },
      { name: "email", type: "email", value: "", required: true },
    ]);
    expect(encodeForm(form)).toBe("SAMLRequest=a%2Bb%26c&RelayState=xyz&email=");
  });

  it("finds no form on a page without one", () => {
    expect(firstForm("<p>oops</p>", new URL("http://127.0.0.1/"))).toBeUndefined();
  });
});
