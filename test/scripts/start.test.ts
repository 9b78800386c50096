import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { readSse } from '../support/read-sse.js';
import { startStubLlm, type StubLlm } from '../support/stub-llm-server.js';

/**
 * `npm start` as a supervisor runs it (systemd, `docker stop`): npm is the process it started, and
 * SIGTERM goes to npm's pid only. The signal must reach the server's graceful shutdown, and every
 * process of the tree must exit, none left serving.
 */

/** The pids of a process group, from /proc (Linux). */
function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/u.test(name)) continue;
    try {
      // Fields after the command's closing parenthesis: state, ppid, pgrp, …
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return condition();
}

let stub: StubLlm;
beforeAll(async () => {
  stub = await startStubLlm();
});
afterAll(async () => {
  await stub.close();
});

describe('npm start', () => {
  let npm: ChildProcess | undefined;
  afterAll(() => {
    // Whatever the test saw, leave nothing running.
    if (npm?.pid) for (const pid of processGroup(npm.pid)) process.kill(pid, 'SIGKILL');
  });

  it('runs the built server with node, and a SIGTERM to npm alone drains it and ends every process', async () => {
    // detached: npm leads its own process group, as under a supervisor, so the group is the whole tree.
    npm = spawn('npm', ['start'], {
      cwd: PROJECT_ROOT,
      detached: true,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '0',
        LLM_BASE_URL: stub.url,
        LLM_MODEL: 'slow',
        LLM_TIMEOUT_MS: '60000',
        SHUTDOWN_TIMEOUT_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout!.setEncoding('utf8').on('data', (text: string) => (output += text));
    npm.stderr!.setEncoding('utf8').on('data', (text: string) => (output += text));
    const npmPid = npm.pid!;

    expect(await waitFor(() => output.includes('index ready'), 60_000), output).toBe(true);
    const url = /listening on (http:\/\/[\d.:]+)/u.exec(output)![1]!;
    const serverPid = Number(/"pid":(\d+)[^\n]*listening on/u.exec(output)![1]);
    // The server is plain node on built JavaScript, not tsx.
    const serverCommand = readFileSync(`/proc/${serverPid}/cmdline`, 'utf8').split('\0');
    expect(serverCommand.join(' ')).toContain('scripts/start.mjs');
    expect(serverCommand.join(' ')).not.toContain('tsx');
    expect(processGroup(npmPid)).toContain(serverPid);

    // A streaming answer the stub holds open for 10 s, far past the shutdown bound.
    const response = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: '青海发展新质生产力最大的短板是什么？' }], stream: true }),
    });
    const events = readSse(response);
    await new Promise((r) => setTimeout(r, 200));

    process.kill(npmPid, 'SIGTERM');

    const { events: received } = await events;
    expect(received.at(-1)).toMatchObject({ event: 'error' });
    expect(JSON.parse(received.at(-1)!.data)).toMatchObject({ code: 'upstream_unavailable' });
    expect(output).toMatch(/"signal":"SIGTERM"[^\n]*shutting down: draining/u);
    expect(await waitFor(() => processGroup(npmPid).length === 0, 10_000), `left running: ${processGroup(npmPid).join(' ')}`).toBe(true);
    expect(output).toContain('"msg":"shut down"');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
