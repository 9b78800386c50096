import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/** A server under measurement, timing each response in the server itself. */
export interface TimedServer {
  server: Server;
  url: string;
  /** Server-side handling time of each finished response, arrival to `finish`, in ms (sub-millisecond). */
  samples: number[];
  close(): Promise<void>;
}

/** Listens on 127.0.0.1, port 0, with the clock started before the handler (an Express app) runs. */
export async function timedServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TimedServer> {
  const samples: number[] = [];
  const server = createServer((req, res) => {
    const started = performance.now();
    res.once('finish', () => samples.push(performance.now() - started));
    handler(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    samples,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
