import { resolve } from 'node:path';
import express, { type Response, type Router } from 'express';
import { PROJECT_ROOT } from '../config.js';
import { NotFoundError } from './errors.js';
import { allowCrossOriginEmbedding } from './security-headers.js';

/** Where `npm run build:web` (`scripts/build-web.ts`) puts the page and the widget. */
export const DEFAULT_WEB_DIR = resolve(PROJECT_ROOT, 'dist/web');

export interface WebRoutesOptions {
  /** The built files (default `dist/web/`). */
  webDir?: string;
}

/** The files served, by path, with their caching. The page is small: revalidate it every time. */
const PAGE_FILES: Record<string, { file: string; cacheControl: string }> = {
  '/': { file: 'index.html', cacheControl: 'no-cache' },
  '/index.html': { file: 'index.html', cacheControl: 'no-cache' },
  '/page.js': { file: 'page.js', cacheControl: 'no-cache' },
  '/page.css': { file: 'page.css', cacheControl: 'no-cache' },
  '/favicon.svg': { file: 'favicon.svg', cacheControl: 'public, max-age=86400' },
};

/**
 * `GET /` (the chat page), its assets, and `GET /widget.js` (the embeddable widget, loadable from
 * any origin, cached for five minutes so a new version reaches host pages soon).
 */
export function webRoutes(options: WebRoutesOptions = {}): Router {
  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  const router = express.Router();

  const send = (res: Response, file: string, cacheControl: string, next: (error?: unknown) => void) => {
    res.sendFile(resolve(webDir, file), { headers: { 'Cache-Control': cacheControl }, dotfiles: 'deny' }, (error?: Error & { code?: string; status?: number }) => {
      // Sent, or the client went away mid-file: nothing left to answer.
      if (!error || res.headersSent) return;
      if (error.code === 'ENOENT' || error.status === 404) {
        next(new NotFoundError(`${file} is not built; run npm run build:web`));
        return;
      }
      next(error);
    });
  };

  router.get('/widget.js', (_req, res, next) => {
    allowCrossOriginEmbedding(res);
    send(res, 'widget.js', 'public, max-age=300', next);
  });
  for (const [path, { file, cacheControl }] of Object.entries(PAGE_FILES)) {
    router.get(path, (_req, res, next) => send(res, file, cacheControl, next));
  }
  // One article's page: the same page, which reads the id from its path (an unknown id is the API's 400).
  router.get('/a/:id', (_req, res, next) => send(res, PAGE_FILES['/']!.file, PAGE_FILES['/']!.cacheControl, next));
  return router;
}
