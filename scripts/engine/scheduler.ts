export type Outcome = "done" | "failed" | "skipped";

/**
 * Runs every item once all the items it waits for are done, with at most `parallel` running at a time.
 * An item waiting for one that failed or was skipped is skipped, as the engine does. Waits on keys that
 * are not among the items are ignored.
 */
export async function runInDependencyOrder<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  waitsFor: (item: T) => readonly string[],
  parallel: number,
  run: (item: T) => Promise<boolean>,
  onSkip: (item: T, blockedBy: string) => void = () => {},
): Promise<Map<string, Outcome>> {
  const byKey = new Map(items.map((item) => [keyOf(item), item]));
  const waits = new Map(items.map((item) => [keyOf(item), [...new Set(waitsFor(item))].filter((key) => byKey.has(key) && key !== keyOf(item))]));
  assertAcyclic(waits);
  const outcomes = new Map<string, Outcome>();
  const started = new Set<string>();
  let running = 0;

  return new Promise((resolve, reject) => {
    const pump = () => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const [key, item] of byKey) {
          if (started.has(key)) continue;
          const blockers = waits.get(key)!;
          const blocked = blockers.find((other) => outcomes.has(other) && outcomes.get(other) !== "done");
          if (blocked) {
            started.add(key);
            outcomes.set(key, "skipped");
            onSkip(item, blocked);
            progressed = true;
          } else if (running < parallel && blockers.every((other) => outcomes.get(other) === "done")) {
            started.add(key);
            running++;
            progressed = true;
            run(item).then(
              (ok) => finish(key, ok ? "done" : "failed"),
              (error) => reject(error),
            );
          }
        }
      }
      if (outcomes.size === byKey.size) resolve(outcomes);
    };
    const finish = (key: string, outcome: Outcome) => {
      running--;
      outcomes.set(key, outcome);
      pump();
    };
    pump();
  });
}

function assertAcyclic(waits: Map<string, string[]>): void {
  const state = new Map<string, "visiting" | "visited">();
  const visit = (key: string, trail: string[]): void => {
    if (state.get(key) === "visited") return;
    if (state.get(key) === "visiting") throw new Error(`dependency cycle: ${[...trail, key].join(" → ")}`);
    state.set(key, "visiting");
    for (const next of waits.get(key) ?? []) visit(next, [...trail, key]);
    state.set(key, "visited");
  };
  for (const key of waits.keys()) visit(key, []);
}
