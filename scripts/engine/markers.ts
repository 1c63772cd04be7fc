/**
 * Output markers: under mocks, every output of a registered resource is a unique placeholder string.
 * An input holding one came from that output; playing the resource later swaps in the real value.
 */

export interface MarkerSource {
  urn: string;
  /** The output property, or "id" for the resource id. */
  property: string;
}

const MARKER = /⟦[^⟦⟧]*⟧/g;

export class MarkerTable {
  private readonly sources = new Map<string, MarkerSource>();

  /** A new marker for an output; readable in test failures, e.g. ⟦acme.organizationId#3⟧. */
  mint(urn: string, name: string, property: string): string {
    const marker = `⟦${name}.${property}#${this.sources.size + 1}⟧`;
    this.sources.set(marker, { urn, property });
    return marker;
  }

  sourceOf(marker: string): MarkerSource | undefined {
    return this.sources.get(marker);
  }

  /** The resources whose outputs appear anywhere in a value. */
  sourcesIn(value: unknown): MarkerSource[] {
    const found: MarkerSource[] = [];
    const visit = (item: unknown): void => {
      if (typeof item === "string") {
        for (const marker of item.match(MARKER) ?? []) {
          const source = this.sources.get(marker);
          if (source) found.push(source);
        }
      } else if (Array.isArray(item)) item.forEach(visit);
      else if (item && typeof item === "object") Object.values(item).forEach(visit);
    };
    visit(value);
    return found;
  }

  /**
   * The value with each marker replaced by the real output: a string that is exactly a marker takes
   * the output as is (objects included); a marker inside a longer string is replaced by its text.
   * Object keys whose value resolves to undefined are dropped, as Pulumi drops undefined inputs.
   */
  substitute(value: unknown, valueOf: (source: MarkerSource) => unknown): unknown {
    if (typeof value === "string") {
      const exact = this.sources.get(value);
      if (exact) return valueOf(exact);
      return value.replace(MARKER, (marker) => {
        const source = this.sources.get(marker);
        return source ? String(valueOf(source) ?? "") : marker;
      });
    }
    if (Array.isArray(value)) return value.map((item) => this.substitute(item, valueOf));
    if (value && typeof value === "object") {
      const entries = Object.entries(value).map(([key, item]) => [key, this.substitute(item, valueOf)] as const);
      return Object.fromEntries(entries.filter(([, item]) => item !== undefined));
    }
    return value;
  }

  toJSON(): Record<string, MarkerSource> {
    return Object.fromEntries(this.sources);
  }
}
