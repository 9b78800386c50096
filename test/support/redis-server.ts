import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Debian's `redis-server` (`apt-get install redis-server`); CI installs it (`.ci/run`). */
export const REDIS_SERVER = '/usr/bin/redis-server';

/** Whether the Redis tests run: when `redis-server` is here, and always in CI, where its absence must fail. */
export const haveRedisServer = existsSync(REDIS_SERVER) || process.env.CI === 'true';

/** A free loopback port, for a server that cannot be told to pick its own. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface TestRedisServer {
  url: string;
  /** Stops the process with SIGSTOP: its socket stays open and nothing answers, as a hung Redis. */
  pause(): void;
  /** SIGCONT: it answers again, the commands sent meanwhile first. */
  resume(): void;
  stop(): Promise<void>;
}

/** Starts `redis-server` on a free loopback port, with no persistence; `stop()` ends it. */
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    const check = () => {
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      resolve();
    };
    child.stdout.on('data', check);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
