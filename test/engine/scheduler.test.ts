import { runInDependencyOrder } from "../../tools/engine-standin";

type Item = { key: string; waits: string[]; fails?: boolean };

async function play(items: Item[], parallel: number) {
  const started: string[] = [];
  const skipped: string[] = [];
  let running = 0;
  let peak = 0;
  const outcomes = await runInDependencyOrder(
    items,
    (item) => item.key,
    (item) => item.waits,
    parallel,
    async (item) => {
      started.push(item.key);
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      return !item.fails;
    },
    (item, blockedBy) => skipped.push(`${item.key}<-${blockedBy}`),
  );
  return { started, skipped, peak, outcomes: Object.fromEntries(outcomes) };
}

describe("runInDependencyOrder", () => {
  it("starts an item only after what it waits for, with at most `parallel` in flight", async () => {
    const items: Item[] = [
      { key: "org", waits: [] },
      ...["a", "b", "c", "d"].map((key) => ({ key, waits: ["org"] })),
      { key: "sso", waits: ["org", "a", "b", "c", "d"] },
    ];
    const { started, peak } = await play(items, 2);
    expect(started[0]).toBe("org");
    expect(started[started.length - 1]).toBe("sso");
    expect(peak).toBe(2);
  });

  it("skips whatever waits, directly or not, for an item that failed", async () => {
    const { outcomes, skipped } = await play(
      [
        { key: "org", waits: [], fails: true },
        { key: "domain", waits: ["org"] },
        { key: "sso", waits: ["domain"] },
        { key: "other", waits: ["unknown-is-ignored"] },
      ],
      4,
    );
    expect(outcomes).toEqual({ org: "failed", domain: "skipped", sso: "skipped", other: "done" });
    expect(skipped).toEqual(["domain<-org", "sso<-domain"]);
  });

  it("refuses a dependency cycle", async () => {
    await expect(play([{ key: "a", waits: ["b"] }, { key: "b", waits: ["a"] }], 1)).rejects.toThrow("dependency cycle: a → b → a");
  });

  it("finishes at once with nothing to do", async () => {
    expect((await play([], 3)).outcomes).toEqual({});
  });
});
