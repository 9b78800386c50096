/**
 * One answer per turn of the event loop. An extractive answer is a millisecond or two of synchronous
 * work (the local embedder and hnswlib never wait for I/O), so a handler that answers as soon as its
 * body is read runs every request that arrived together in one turn of the loop: with 64 busy
 * connections a turn lasts about 64 answers. Node accepts one new connection per turn of a busy
 * loop, so a client connecting then waited one such turn for each connection ahead of it: seconds
 * at 64 connections (the p99 of issue 21). Taking turns, the loop comes round between answers:
 * new connections are accepted, requests are read as they come, and answers are given first come,
 * first served.
 *
 * A request whose client has gone while it waited is still given its turn (its handler decides
 * what to do with it); nothing waits on a timer, so an idle server answers at once.
 */

const waiting: Array<() => void> = [];
let scheduled = false;

function runNext(): void {
  scheduled = false;
  const next = waiting.shift();
  // Scheduled before this one runs: an immediate set now runs in the next turn of the loop, after
  // the loop has polled for connections and data again.
  if (waiting.length > 0) {
    scheduled = true;
    setImmediate(runNext);
  }
  next?.();
}

/** Resolves at this request's turn: the answer that follows runs before the next request's. */
export function answerTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(runNext);
    }
  });
}

/** Requests waiting for their turn (for tests and metrics). */
export function answerTurnsWaiting(): number {
  return waiting.length;
}
