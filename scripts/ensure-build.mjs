// The build check shared by `npm start` (scripts/start.mjs) and the command-line tools
// (scripts/run-cli.mjs): builds dist/ with `npm run build` when it is missing or older than any
// source, so that a fresh clone works with no separate build step. Plain JavaScript: nothing here
// may need tsx. Several processes may start at once (a test suite, a shell loop): one builds, under
// a lock folder, and the others wait for it and then find the build current.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', 'build-stamp.json');
const lockDir = join(root, 'dist.building');
/** What the build is made from: a change to any of these makes it stale. */
const inputs = ['src', 'web', 'widget', 'scripts/build.ts', 'scripts/build-web.ts', 'package.json', 'package-lock.json'];
/** A lock older than this was left by a build that died; the build itself takes about a second. */
const STALE_LOCK_MS = 120_000;
const LOCK_WAIT_MS = 180_000;

/** Newest modification time under a path, in ms (0 when missing). */
function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why the build must be made again, or null when it is current. */
export function staleBecause() {
  const built = newestMtime(stampFile);
  if (built === 0) return 'dist/ has no finished build';
  const changed = inputs.find((input) => newestMtime(join(root, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock, waiting for another process's build; false when it never came free. */
function takeLock() {
  const until = Date.now() + LOCK_WAIT_MS;
  while (Date.now() < until) {
    try {
      mkdirSync(lockDir);
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const age = Date.now() - newestMtime(lockDir);
      if (age > STALE_LOCK_MS) rmSync(lockDir, { recursive: true, force: true });
      else sleep(100);
    }
  }
  return false;
}

/** Builds dist/ when stale; exits the process with the build's status when the build fails. */
export function ensureBuilt() {
  if (!staleBecause()) return;
  if (!takeLock()) {
    console.error(`another build holds ${lockDir} for over ${LOCK_WAIT_MS / 1000} s; remove it if no build is running`);
    process.exit(1);
  }
  try {
    // Another process may have built while this one waited.
    const reason = staleBecause();
    if (!reason) return;
    console.error(`building dist/ (${reason})`);
    const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    const result = spawnSync(process.execPath, [tsxCli, join(root, 'scripts', 'build.ts')], { cwd: root, stdio: ['ignore', 2, 2] });
    if (result.status !== 0) {
      console.error('the build failed; see above');
      process.exit(result.status ?? 1);
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
