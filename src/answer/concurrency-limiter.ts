/**
 * A cap on work running at once (LLM streams): `tryAcquire` gives a release function, or null when
 * the cap is reached, so the caller can answer another way instead of queueing.
 */
export class ConcurrencyLimiter {
  private running = 0;

  constructor(readonly limit: number) {}

  get active(): number {
    return this.running;
  }

  tryAcquire(): (() => void) | null {
    if (this.running >= this.limit) return null;
    this.running++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
    };
  }
}
