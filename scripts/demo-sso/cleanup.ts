/** What was started, stopped in reverse order whatever happened; a failing stop does not skip the others. */
export class Cleanup {
  private readonly steps: Array<{ name: string; stop: () => unknown }> = [];

  add(name: string, stop: () => unknown): void {
    this.steps.push({ name, stop });
  }

  async run(): Promise<string[]> {
    const failures: string[] = [];
    for (const step of this.steps.reverse()) {
      try {
        await step.stop();
      } catch (err) {
        failures.push(`${step.name}: ${(err as Error).message}`);
      }
    }
    return failures;
  }
}
