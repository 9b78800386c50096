import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from 'esbuild';
import { PROJECT_ROOT } from '../src/config.js';

/**
 * `npm run build:web`: bundles the chat page (`web/`) and the widget (`widget/`) with esbuild into
 * `dist/web/`, which `src/server/web-routes.ts` serves, and prints each file's size raw and gzipped
 * (zlib level 9). The widget must stay within {@link WIDGET_GZIP_BUDGET_BYTES}.
 */

/** The widget's size budget, gzipped. */
export const WIDGET_GZIP_BUDGET_BYTES = 25 * 1024;

/** Where the built page and widget go. */
export const WEB_DIST_DIR = resolve(PROJECT_ROOT, 'dist/web');

export interface BuildWebOptions {
  outDir?: string;
  /** Print the sizes (default true). */
  log?: boolean;
}

/** A built file and its size. */
export interface BuiltFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BuildWebResult {
  outDir: string;
  files: BuiltFile[];
}

/** The gzipped size of some bytes, at zlib's best compression (level 9). */
export function gzipSize(bytes: Uint8Array): number {
  return gzipSync(bytes, { level: 9 }).length;
}

/**
 * Builds `dist/web/`: `index.html`, `page.js`, `page.css`, `favicon.svg` and `widget.js`.
 *
 * @throws when esbuild fails, or when the widget is over its size budget.
 */
export async function buildWeb(options: BuildWebOptions = {}): Promise<BuildWebResult> {
  const outDir = options.outDir ?? WEB_DIST_DIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const at = (path: string) => resolve(PROJECT_ROOT, path);
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    absWorkingDir: PROJECT_ROOT,
  };

  await Promise.all([
    // Classic script (IIFE): `document.currentScript` finds the tag and its data- options.
    build({ ...common, entryPoints: [at('widget/widget.ts')], outfile: resolve(outDir, 'widget.js'), format: 'iife', target: ['es2020', 'chrome90', 'firefox90', 'safari15'] }),
    build({ ...common, entryPoints: [at('web/page.ts')], outfile: resolve(outDir, 'page.js'), format: 'esm', target: ['es2022'] }),
    build({ ...common, entryPoints: [at('web/page.css')], outfile: resolve(outDir, 'page.css'), target: ['chrome100', 'firefox100', 'safari15'] }),
    copyFile(at('web/index.html'), resolve(outDir, 'index.html')),
    copyFile(at('web/favicon.svg'), resolve(outDir, 'favicon.svg')),
  ]);

  const files: BuiltFile[] = [];
  for (const file of ['index.html', 'page.js', 'page.css', 'favicon.svg', 'widget.js']) {
    const bytes = await readFile(resolve(outDir, file));
    files.push({ file, bytes: bytes.length, gzipBytes: gzipSize(bytes) });
  }
  if (options.log ?? true) {
    for (const f of files) {
      console.log(`dist/web/${f.file.padEnd(12)} ${formatKiB(f.bytes).padStart(9)}  gzip -9 ${formatKiB(f.gzipBytes).padStart(8)}`);
    }
  }
  const widget = files.find((f) => f.file === 'widget.js')!;
  if (widget.gzipBytes > WIDGET_GZIP_BUDGET_BYTES) {
    throw new Error(`widget.js is ${formatKiB(widget.gzipBytes)} gzipped, over its budget of ${formatKiB(WIDGET_GZIP_BUDGET_BYTES)}`);
  }
  return { outDir, files };
}

function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
