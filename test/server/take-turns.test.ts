import { once } from 'node:events';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { takeTurns } from '../../src/server/take-turns.js';

/** Stands in for a request whose connection is open (or closed). */
function fakeRequest(name: string, destroyed = false): [IncomingMessage, ServerResponse] {
  return [{ name, socket: { destroyed } } as unknown as IncomingMessage, {} as ServerResponse];
}

function busy(ms: number): void {
  const started = performance.now();
  while (performance.now() - started < ms);
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('takeTurns: requests handed to the app a slice per turn of the event loop', () => {
  it('leaves the requests beyond a slice for the next turn, so the loop polls (and accepts) in between', async () => {
    const order: string[] = [];
    const app: RequestListener = (req) => {
      order.push((req as unknown as { name: string }).name);
      busy(3);
    };
    const listener = takeTurns(app, 5);
    // Arrive in one poll, as three connections' requests do.
    for (const name of ['a', 'b', 'c', 'd']) listener(...fakeRequest(name));
    // Something else the loop has to do this turn (an accept, a timer's callback), queued behind them.
    setImmediate(() => order.push('other work'));
    expect(order).toEqual([]);
    await nextTurn();
    await nextTurn();
    // a and b fill the 5 ms slice; c and d wait for a later turn, behind the other work. (On a busy
    // machine a may be preempted past the slice alone, and b waits too: either way the loop gets its
    // turn before the last requests, and the requests keep their order.)
    expect([['a', 'b', 'other work', 'c', 'd'], ['a', 'other work', 'b', 'c', 'd']]).toContainEqual(order);
  });

  it('hands every request over, in arrival order, when each is quick', async () => {
    const order: string[] = [];
    const listener = takeTurns((req) => order.push((req as unknown as { name: string }).name), 5);
    const names = Array.from({ length: 50 }, (_, i) => `r${i}`);
    for (const name of names) listener(...fakeRequest(name));
    await nextTurn();
    expect(order).toEqual(names);
  });

  it("counts a request's awaited work (its microtasks) in the slice", async () => {
    const order: string[] = [];
    const app: RequestListener = (req) => {
      const name = (req as unknown as { name: string }).name;
      order.push(name);
      // The synchronous part is nothing; the work comes after an await.
      void Promise.resolve().then(() => busy(6));
    };
    const listener = takeTurns(app, 5);
    listener(...fakeRequest('a'));
    listener(...fakeRequest('b'));
    setImmediate(() => order.push('other work'));
    await nextTurn();
    await nextTurn();
    expect(order).toEqual(['a', 'other work', 'b']);
  });

  it('drops a request whose connection closed while it waited', async () => {
    const seen: string[] = [];
    const listener = takeTurns((req) => seen.push((req as unknown as { name: string }).name), 5);
    listener(...fakeRequest('open'));
    listener(...fakeRequest('gone', true));
    await nextTurn();
    expect(seen).toEqual(['open']);
  });

  it('with a slice of 0, hands each request over at once', () => {
    const seen: string[] = [];
    const listener = takeTurns((req) => seen.push((req as unknown as { name: string }).name), 0);
    listener(...fakeRequest('now'));
    expect(seen).toEqual(['now']);
  });

  it('serves real requests, bodies included, through a Node server', async () => {
    const server = createServer(
      takeTurns((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => res.end(`got ${body.length}`));
      }, 5),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '字'.repeat(i * 1000) }).then((r) => r.text())),
      );
      expect(answers).toEqual(Array.from({ length: 20 }, (_, i) => `got ${i * 1000}`));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
