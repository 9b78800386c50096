import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { PROJECT_ROOT } from '../src/config.js';
import { buildWeb } from './build-web.js';

/**
 * `npm run build`: the production build in `dist/`. The server (`src/server.ts`) becomes plain
 * JavaScript that `node` runs without `tsx`: `dist/server.js`, plus chunks for what loads only when
 * configured (the LLM client, cluster mode). Packages stay in `node_modules` (native addons cannot be
 * bundled). Then the page and the widget (`dist/web/`), and last the stamp that `scripts/start.mjs`
 * compares with the sources to decide whether to build again.
 */

/** Where the server build goes. */
export const DIST_DIR = resolve(PROJECT_ROOT, 'dist');

/** Written last: its presence means the build finished; its age is the build's age. */
export const BUILD_STAMP_FILE = resolve(DIST_DIR, 'build-stamp.json');

/** The command-line tools built beside the server, as `dist/cli-NAME.js`. */
export const CLI_TOOLS = ['check', 'ask', 'search', 'ingest'] as const;

/**
 * Bundles `src/server.ts` into `dist/server.js` and each of {@link CLI_TOOLS} into
 * `dist/cli-NAME.js` (ESM, Node 20, with source maps); what they share goes to chunks beside them.
 */
export async function buildServer(outDir = DIST_DIR): Promise<void> {
  await build({
    entryPoints: {
      server: resolve(PROJECT_ROOT, 'src/server.ts'),
      // The command-line tools, run from the build by scripts/run-cli.mjs (no tsx at run time).
      ...Object.fromEntries(CLI_TOOLS.map((name) => [`cli-${name}`, resolve(PROJECT_ROOT, `src/cli/${name}.ts`)])),
    },
    outdir: outDir,
    bundle: true,
    // Dynamic imports become chunks loaded on demand, instead of being inlined into server.js. The
    // chunks sit beside server.js: src/config.ts finds the project root as the parent of its folder.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: PROJECT_ROOT,
  });
}

/** The whole production build: server, page and widget, then the stamp. */
export async function buildAll(options: { log?: boolean } = {}): Promise<void> {
  const log = options.log ?? true;
  const started = performance.now();
  await rm(BUILD_STAMP_FILE, { force: true });
  await mkdir(DIST_DIR, { recursive: true });
  // Chunks of an earlier build would pile up beside the new ones.
  for (const name of await readdir(DIST_DIR)) {
    if (name.startsWith('chunk-') || name.startsWith('server.js') || name.startsWith('cli-')) await rm(resolve(DIST_DIR, name), { force: true });
  }
  await buildServer();
  await buildWeb({ log });
  await writeFile(BUILD_STAMP_FILE, `${JSON.stringify({ builtAt: new Date().toISOString() })}\n`);
  if (log) console.log(`dist/server.js built in ${Math.round(performance.now() - started)} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildAll().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
