/**
 * Preloaded into a server under `bench:tail` (`node --import`): for each connection, the time from its
 * acceptance to its first request's arrival and to that request's answer, so the server's share of
 * a client's slowest first request can be told from the load generator's. On SIGUSR2 it writes the
 * five largest of each to `FIRST_REQUEST_PROBE_OUT`, with when the 2nd, 51st, 101st, 151st, 200th
 * and 201st connections were accepted after the first (`acceptedAfterFirstMs`).
 */
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import process from 'node:process';

const waits = [];
const answers = [];
const accepted = [];
let connections = 0;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, ...args) {
  if (event === 'connection') {
    args[0].acceptedAt = performance.now();
    accepted.push(args[0].acceptedAt);
    connections++;
  } else if (event === 'request') {
    const [req, res] = args;
    const socket = req.socket;
    if (socket.acceptedAt !== undefined && !socket.firstSeen) {
      socket.firstSeen = true;
      waits.push(performance.now() - socket.acceptedAt);
      res.on('finish', () => answers.push(performance.now() - socket.acceptedAt));
    }
  }
  return emit.call(this, event, ...args);
};
process.on('SIGUSR2', () => {
  const top = (xs) => [...xs].sort((a, b) => b - a).slice(0, 5).map((x) => Math.round(x));
  writeFileSync(process.env.FIRST_REQUEST_PROBE_OUT, JSON.stringify({ connections, acceptedAfterFirstMs: [1, 50, 100, 150, 199, 200].filter((i) => i < accepted.length).map((i) => Math.round(accepted[i] - accepted[0])), acceptedToFirstRequestMs: top(waits), acceptedToFirstAnswerMs: top(answers) }));
  waits.length = 0;
  answers.length = 0;
  accepted.length = 0;
  connections = 0;
});
