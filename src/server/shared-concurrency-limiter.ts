import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ReleaseSlot, StreamLimiter } from '../llm/index.js';

/**
 * Runs a Lua script in Redis (`EVAL`, or `EVALSHA` with a fallback): the seam through which
 * {@link SharedConcurrencyLimiter} reaches Redis without knowing its client.
 */
export type RunRedisScript = (script: string, keys: string[], args: string[]) => Promise<unknown>;

export interface SharedConcurrencyLimiterOptions {
  /** Most slots held at once across every process sharing the Redis. */
  limit: number;
  /** Most slots one client may hold across every process; never above `limit`. */
  perClient?: number;
  /** Key prefix; the keys share one hash tag, so the script also runs on a Redis Cluster. */
  keyPrefix: string;
  /**
   * How long a slot outlives its holder's last renewal: a process that dies holding slots gives
   * them back after at most this long. The holder renews every third of it while the stream runs.
   */
  leaseMs?: number;
  /** A Redis call slower than this counts as an error: the answer goes on extractively. */
  commandTimeoutMs?: number;
  logger: Logger;
}

/**
 * {@link ReleaseSlot} that also says when Redis has the slot back (callers need not wait: a slot
 * still counted for a moment only makes the cap stricter). It never rejects.
 */
export type SharedReleaseSlot = ReleaseSlot & (() => Promise<void>);

/** A slot lease of 30 s, renewed every 10 s: a dead holder's slots are free again within 30 s. */
export const DEFAULT_SLOT_LEASE_MS = 30_000;
const DEFAULT_COMMAND_TIMEOUT_MS = 1_000;

/**
 * Each slot is a member of a sorted set scored by its lease's end, in Redis's clock (`TIME`), so
 * the machines' clocks need not agree. Expired members are dropped before counting; counting and
 * taking happen in one script, so two processes cannot both take the last slot. The keys expire
 * with their last lease, so nothing is left behind when every holder is gone.
 * KEYS: the overall set, then (optionally) the client's. ARGV: limit, per-client limit, lease ms, slot id.
 */
const ACQUIRE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[3])
local limits = { tonumber(ARGV[1]), tonumber(ARGV[2]) }
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  if redis.call('ZCARD', key) >= limits[i] then return 0 end
end
for _, key in ipairs(KEYS) do
  redis.call('ZADD', key, now + lease, ARGV[4])
  redis.call('PEXPIRE', key, lease)
end
return 1
`;

/**
 * Pushes a held slot's lease on; 0 when the slot was already gone (its lease ran out while Redis
 * was slow or away, and another holder may have taken it). KEYS as above. ARGV: lease ms, slot id.
 */
const RENEW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease = tonumber(ARGV[1])
local held = 1
for _, key in ipairs(KEYS) do
  if redis.call('ZSCORE', key, ARGV[2]) then
    redis.call('ZADD', key, now + lease, ARGV[2])
    redis.call('PEXPIRE', key, lease)
  else
    held = 0
  end
end
return held
`;

/** Gives a slot back. KEYS as above. ARGV: slot id. */
const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do redis.call('ZREM', key, ARGV[1]) end
return 1
`;

/**
 * The cap on concurrent LLM streams (overall and per client) counted in one Redis for every
 * process and replica, with {@link ConcurrencyLimiter}'s contract: `tryAcquire` gives a release
 * function or null, so a caller past the cap answers another way instead of queueing.
 *
 * A slot is a lease renewed while the stream runs, so a process that dies holding slots gives them
 * back within `leaseMs`. When Redis fails or is slow, `tryAcquire` gives null: the answer is
 * extractive rather than an LLM stream nobody counts (fail closed for the LLM, never an error to
 * the client); the outage is logged once, and again only after Redis has answered in between.
 */
export class SharedConcurrencyLimiter implements StreamLimiter {
  readonly limit: number;
  readonly perClient: number;
  private readonly leaseMs: number;
  private readonly commandTimeoutMs: number;
  private readonly globalKey: string;
  private readonly clientKeyPrefix: string;
  private readonly logger: Logger;
  private failing = false;

  constructor(
    private readonly runScript: RunRedisScript,
    options: SharedConcurrencyLimiterOptions,
  ) {
    const opts = { perClient: options.limit, leaseMs: DEFAULT_SLOT_LEASE_MS, commandTimeoutMs: DEFAULT_COMMAND_TIMEOUT_MS, ...options };
    this.limit = opts.limit;
    this.perClient = Math.min(opts.perClient, opts.limit);
    this.leaseMs = opts.leaseMs;
    this.commandTimeoutMs = opts.commandTimeoutMs;
    this.logger = opts.logger;
    // One hash tag for every key: a Redis Cluster keeps them on one node, as one script needs.
    this.globalKey = `${opts.keyPrefix}{llm-streams}`;
    this.clientKeyPrefix = `${opts.keyPrefix}{llm-streams}:client:`;
  }

  /** Takes a slot for `client` (no client: only the overall cap applies); null past a cap or when Redis fails. */
  async tryAcquire(client?: string): Promise<SharedReleaseSlot | null> {
    const keys = this.keysFor(client);
    const id = randomUUID();
    let taken: unknown;
    try {
      taken = await this.run(ACQUIRE_SCRIPT, keys, [String(this.limit), String(this.perClient), String(this.leaseMs), id]);
    } catch (error) {
      this.reportFailure(error);
      // A timed-out call may still have taken the slot: give it back rather than wait for its lease.
      this.run(RELEASE_SCRIPT, keys, [id]).catch(() => {});
      return null;
    }
    if (Number(taken) !== 1) return null;
    return this.holdSlot(keys, id);
  }

  private holdSlot(keys: string[], id: string): SharedReleaseSlot {
    let released: Promise<void> | null = null;
    const renew = setInterval(() => {
      this.run(RENEW_SCRIPT, keys, [String(this.leaseMs), id]).then(
        (held) => {
          if (Number(held) !== 1 && released === null) this.logger.warn('an LLM stream outlived its shared slot lease; the shared cap may be exceeded until it ends');
        },
        (error: unknown) => this.reportFailure(error),
      );
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
    // A held slot must not keep a process alive that is otherwise done.
    renew.unref();
    return () => {
      if (released) return released;
      clearInterval(renew);
      // If this fails the lease ends the slot anyway.
      released = this.run(RELEASE_SCRIPT, keys, [id]).then(
        () => {},
        (error: unknown) => this.reportFailure(error),
      );
      return released;
    };
  }

  private keysFor(client: string | undefined): string[] {
    if (client === undefined) return [this.globalKey];
    // Hashed: a client key is an IP address today, but may be anything, of any length.
    const hashed = createHash('sha256').update(client).digest('hex').slice(0, 32);
    return [this.globalKey, `${this.clientKeyPrefix}${hashed}`];
  }

  private async run(script: string, keys: string[], args: string[]): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis did not answer within ${this.commandTimeoutMs} ms`)), this.commandTimeoutMs);
    });
    try {
      const result = await Promise.race([this.runScript(script, keys, args), timeout]);
      if (this.failing) this.logger.info('shared LLM stream cap: redis answers again');
      this.failing = false;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  private reportFailure(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.error({ err: error }, 'shared LLM stream cap: redis failed; answers are extractive until it is back');
  }
}
