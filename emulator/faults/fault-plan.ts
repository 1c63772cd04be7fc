import { mulberry32 } from "./prng";

export type FaultKind = "rate-limit" | "rate-limit-retry-after" | "unavailable" | "bad-gateway" | "reset" | "lost-response";
/** Besides the random ones, answers a test can ask for: a 500, a 403 (PERMISSION_DENIED) or a 410 Gone. */
export type ScriptableFaultKind = FaultKind | "internal" | "permission-denied" | "gone";

export const ALL_FAULT_KINDS: readonly FaultKind[] = [
  "rate-limit", "rate-limit-retry-after", "unavailable", "bad-gateway", "reset", "lost-response",
];

export interface ScriptedFault {
  kind: ScriptableFaultKind;
  times?: number;
  method?: string;
  path?: string | RegExp;
  retryAfterSeconds?: number;
}

export interface ChosenFault {
  kind: ScriptableFaultKind;
  retryAfterSeconds?: number;
}

/**
 * Decides which requests fail. Scripted faults come first, in the order they were scripted, each
 * for its next `times` matching requests. Random faults hit management API requests with
 * probability `rate`, drawn from a seeded PRNG so a run with the same seed fails the same way.
 */
export class FaultPlan {
  private readonly scripted: (ScriptedFault & { remaining: number })[] = [];
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly rate: number,
    private readonly kinds: readonly FaultKind[],
  ) {
    this.random = mulberry32(seed);
  }

  script(fault: ScriptedFault): void {
    this.scripted.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** A scripted fault for this request, if one matches. Without `path`, only /api/v1 requests match. */
  takeScripted(method: string, path: string, isApi: boolean): ChosenFault | undefined {
    const index = this.scripted.findIndex((f) => matches(f, method, path, isApi));
    if (index < 0) return undefined;
    const fault = this.scripted[index];
    if (--fault.remaining <= 0) this.scripted.splice(index, 1);
    return { kind: fault.kind, retryAfterSeconds: fault.retryAfterSeconds };
  }

  /** One draw per API request (hit or miss), so the sequence depends only on the seed and request order. */
  drawRandom(): ChosenFault | undefined {
    if (this.rate <= 0 || this.kinds.length === 0) return undefined;
    const roll = this.random();
    const pick = this.random();
    if (roll >= this.rate) return undefined;
    return { kind: this.kinds[Math.floor(pick * this.kinds.length)] };
  }
}

function matches(fault: ScriptedFault, method: string, path: string, isApi: boolean): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false;
  if (fault.path === undefined) return isApi;
  if (typeof fault.path === "string") return fault.path === path;
  fault.path.lastIndex = 0;
  return fault.path.test(path);
}
