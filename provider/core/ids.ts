/** Composite resource ids carry the parent, so refresh and delete work from the id alone. */
export function compositeId(parentId: string, childId: string): string {
  return `${parentId}/${childId}`;
}

export function splitCompositeId(id: string, what: string): [string, string] {
  const parts = id.split("/");
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(`invalid ${what} id ${JSON.stringify(id)}: expected "<organization id>/<${what} id>"`);
  return [parts[0], parts[1]];
}
