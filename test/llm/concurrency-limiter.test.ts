import { describe, expect, it } from 'vitest';
import { ConcurrencyLimiter } from '../../src/llm/concurrency-limiter.js';

describe('ConcurrencyLimiter', () => {
  it('caps one client below the overall cap, and gives its slots back on release', () => {
    const limiter = new ConcurrencyLimiter(3, 2);
    const a1 = limiter.tryAcquire('a');
    const a2 = limiter.tryAcquire('a');
    expect(a1).not.toBeNull();
    expect(a2).not.toBeNull();
    expect(limiter.tryAcquire('a')).toBeNull();
    const b1 = limiter.tryAcquire('b');
    expect(b1).not.toBeNull();
    expect(limiter.tryAcquire('c')).toBeNull();
    a1!();
    a1!();
    expect(limiter.activeFor('a')).toBe(1);
    expect(limiter.active).toBe(2);
    expect(limiter.tryAcquire('a')).not.toBeNull();
  });

  it('never lets the per-client cap exceed the overall one', () => {
    expect(new ConcurrencyLimiter(2, 5).perClient).toBe(2);
    expect(new ConcurrencyLimiter(4).perClient).toBe(4);
  });
});
