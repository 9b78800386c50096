import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Requests handed to the app in turns: in arrival order, a slice of at most `sliceMs` of the app's
 * synchronous work per turn of the event loop, the rest left for the next turn.
 *
 * Why: libuv (1.46, Node 20) accepts one connection each time the loop polls. Under saturation a
 * turn that answers every waiting request (200 connections × a fraction of a millisecond) lasts tens
 * of milliseconds, so the 200th connection of a burst waits in the kernel's accept queue for some
 * 2 s while the others are served (issue 20, finding 11; `npm run bench:accept`). Short turns make
 * the loop poll, and accept, far more often; the work done per second is the same.
 *
 * A request whose connection closed while it waited is dropped, never handed to the app. The queue
 * holds at most one request per open connection: Node reads a connection's next request only once
 * the previous one is answered.
 */
export function takeTurns(app: RequestListener, sliceMs: number): RequestListener {
  if (!(sliceMs > 0)) return app;
  // One immediate per waiting request, each handing over the oldest waiting request, so that the
  // microtasks of one request (its awaits) run, and are counted, before the next is handed over.
  const waiting: Array<[IncomingMessage, ServerResponse] | undefined> = [];
  let head = 0;
  let sliceStartedAt = 0;
  let overSlice = false;
  let sliceQueued = false;

  // Queued before any step of a turn's check phase, so it runs first: the slice starts.
  const startSlice = (): void => {
    sliceQueued = false;
    overSlice = false;
    sliceStartedAt = performance.now();
  };
  const queueSlice = (): void => {
    if (sliceQueued) return;
    sliceQueued = true;
    setImmediate(startSlice);
  };
  const step = (): void => {
    if (overSlice || performance.now() - sliceStartedAt >= sliceMs) {
      // Queued during the check phase: it runs in the loop's next turn, after the next poll.
      overSlice = true;
      queueSlice();
      setImmediate(step);
      return;
    }
    const entry = waiting[head];
    waiting[head++] = undefined;
    if (head === waiting.length) {
      waiting.length = 0;
      head = 0;
    }
    if (entry && !entry[0].socket.destroyed) app(entry[0], entry[1]);
  };

  return (req, res) => {
    waiting.push([req, res]);
    queueSlice();
    setImmediate(step);
  };
}
