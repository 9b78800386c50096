import { describe, expect, it, vi } from 'vitest';
import { warmUp } from '../../src/server/warm-up.js';
import { loadTestServices } from '../support/test-index.js';

describe('warmUp', () => {
  it('runs the default article\'s search, answer, quote check and text check once, on its own words', async () => {
    const services = await loadTestServices();
    const retrieve = vi.spyOn(services.retriever, 'retrieve');
    const answer = vi.spyOn(services.answerer, 'warmUp');
    const verify = vi.spyOn(services.verifier, 'verify');
    const check = vi.spyOn(services.checker, 'check');
    expect(await warmUp(services)).toBeGreaterThan(0);
    // Once as a search, once (at least) for the answer.
    expect(retrieve.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(answer).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledTimes(1);
    // The words it checks are the article's: the check finds them, so the whole checking path ran.
    expect(verify.mock.results[0]!.value).toMatchObject({ found: true });
    expect(check).toHaveBeenCalledTimes(1);
    expect(check.mock.results[0]!.value).toMatchObject({ summary: { status: { verbatim: 1 } } });
  });
});
