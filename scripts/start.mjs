// `npm start`: runs the built server (dist/server.js) with plain `node`, in this process, so that a
// supervisor's SIGTERM to this process (npm runs it with `exec`, in the place of its shell) reaches
// the server's graceful shutdown. Builds first (`npm run build`) when the build is missing or older
// than any source, so that `npm install && npm start` works from a fresh clone. Plain JavaScript:
// nothing here may need tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'dist', 'build-stamp.json');
/** What the build is made from: a change to any of these makes it stale. */
const inputs = ['src', 'web', 'widget', 'scripts/build.ts', 'scripts/build-web.ts', 'package.json', 'package-lock.json'];

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
function staleBecause() {
  const built = newestMtime(stampFile);
  if (built === 0) return 'dist/ has no finished build';
  const changed = inputs.find((input) => newestMtime(join(root, input)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = staleBecause();
if (reason) {
  console.error(`building dist/ (${reason})`);
  const tsxCli = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const result = spawnSync(process.execPath, [tsxCli, join(root, 'scripts', 'build.ts')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('the build failed; see above');
    process.exit(result.status ?? 1);
  }
}
await import(pathToFileURL(join(root, 'dist', 'server.js')).href);
