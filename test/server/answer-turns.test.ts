import { describe, expect, it } from 'vitest';
import { answerTurn, answerTurnsWaiting } from '../../src/server/answer-turns.js';

describe('answerTurn', () => {
  it('gives turns first come, first served, one per turn of the event loop', async () => {
    const order: string[] = [];
    const waits = [0, 1, 2].map((i) =>
      answerTurn().then(() => {
        order.push(`turn ${i}`);
        setImmediate(() => order.push(`after turn ${i}`));
        return answerTurnsWaiting();
      }),
    );
    expect(answerTurnsWaiting()).toBe(3);
    // Each turn starts with the later requests still waiting: the answers do not run together.
    expect(await Promise.all(waits)).toEqual([2, 1, 0]);
    await new Promise((r) => setImmediate(r));
    expect(order.filter((o) => o.startsWith('turn'))).toEqual(['turn 0', 'turn 1', 'turn 2']);
    // Turns in one pass of the loop would all come before anything set during them; here what turn 0
    // set runs before turn 2: each turn is a pass of its own, with the loop's polling in between.
    expect(order.indexOf('after turn 0')).toBeLessThan(order.indexOf('turn 2'));
  });

  it('answers at once on an idle loop', async () => {
    const started = performance.now();
    await answerTurn();
    expect(answerTurnsWaiting()).toBe(0);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
