/** Gives a slot back; calling it again does nothing. */
export type ReleaseSlot = () => void;

/**
 * A cap on LLM streams running at once, overall and per client: in this process
 * ({@link ConcurrencyLimiter}), or across processes through Redis (`SharedConcurrencyLimiter`).
 */
export interface StreamLimiter {
  /** Most slots held at once. */
  readonly limit: number;
  /** Most slots one client may hold; never above {@link limit}. */
  readonly perClient: number;
  /** Takes a slot for `client` (no client: only the overall cap applies), or null past a cap. */
  tryAcquire(client?: string): ReleaseSlot | null | Promise<ReleaseSlot | null>;
}

/**
 * A cap on work running at once (LLM streams), overall and per client: `tryAcquire` gives a release
 * function, or null when either cap is reached, so the caller can answer another way instead of
 * queueing. The per-client cap keeps one client from holding every slot.
 */
export class ConcurrencyLimiter implements StreamLimiter {
  private running = 0;
  private readonly byClient = new Map<string, number>();
  /** Most slots one client may hold; never above {@link limit}. */
  readonly perClient: number;

  constructor(
    readonly limit: number,
    perClient: number = limit,
  ) {
    this.perClient = Math.min(perClient, limit);
  }

  get active(): number {
    return this.running;
  }

  /** Slots a client holds now. */
  activeFor(client: string): number {
    return this.byClient.get(client) ?? 0;
  }

  /** Takes a slot for `client` (no client: only the overall cap applies), or null past a cap. */
  tryAcquire(client?: string): ReleaseSlot | null {
    if (this.running >= this.limit) return null;
    if (client !== undefined && this.activeFor(client) >= this.perClient) return null;
    this.running++;
    if (client !== undefined) this.byClient.set(client, this.activeFor(client) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running--;
      if (client === undefined) return;
      const left = this.activeFor(client) - 1;
      if (left > 0) this.byClient.set(client, left);
      else this.byClient.delete(client);
    };
  }
}
