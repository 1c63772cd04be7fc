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
  const dependents = new Map<string, string[]>([...byKey.keys()].map((key) => [key, []]));
  const pending = new Map<string, number>();
  for (const [key, blockers] of waits) {
    pending.set(key, blockers.length);
    for (const blocker of blockers) dependents.get(blocker)!.push(key);
  }
  // Ready items start in item order; each finished item releases its dependents in that order too.
  const ready = [...byKey.keys()].filter((key) => pending.get(key) === 0);
  const outcomes = new Map<string, Outcome>();
  let running = 0;

  return new Promise((resolve, reject) => {
    const skipDependentsOf = (key: string) => {
      for (const dependent of dependents.get(key)!) {
        if (outcomes.has(dependent)) continue;
        outcomes.set(dependent, "skipped");
        onSkip(byKey.get(dependent)!, key);
        skipDependentsOf(dependent);
      }
    };
    const finish = (key: string, outcome: Outcome) => {
      running--;
      outcomes.set(key, outcome);
      if (outcome === "done") {
        for (const dependent of dependents.get(key)!) {
          const left = pending.get(dependent)! - 1;
          pending.set(dependent, left);
          if (left === 0 && !outcomes.has(dependent)) ready.push(dependent);
        }
      } else {
        skipDependentsOf(key);
      }
      pump();
    };
    const pump = () => {
      while (running < parallel && ready.length) {
        const key = ready.shift()!;
        if (outcomes.has(key)) continue;
        running++;
        run(byKey.get(key)!).then(
          (ok) => finish(key, ok ? "done" : "failed"),
          (error) => reject(error),
        );
      }
      if (outcomes.size === byKey.size) resolve(outcomes);
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
