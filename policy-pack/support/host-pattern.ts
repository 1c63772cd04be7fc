/**
 * Whether a host name matches a pattern such as `*.scalekit.com` or `auth.example.com`: `*` stands for
 * one or more characters, the comparison ignores case.
 */
export function hostMatches(host: string, pattern: string): boolean {
  const source = pattern
    .trim()
    .toLowerCase()
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".+");
  return new RegExp(`^${source}$`).test(host.toLowerCase());
}
