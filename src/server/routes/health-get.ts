import type { RequestHandler } from 'express';
import type { ServicesProvider } from '../app-services.js';

/** `GET /healthz`: 200 once the index is loaded, 503 before (and while shutting down). */
export function healthGet(provide: ServicesProvider, isDraining: () => boolean): RequestHandler {
  return (_req, res) => {
    // The widget's probe (a `no-cors` request from another origin) must get a response, opaque to
    // it, to tell a refused origin (CORS) from a server it cannot reach; helmet's same-origin
    // resource policy would make the browser drop it. Nothing here is readable cross-origin.
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    const services = provide();
    if (isDraining()) {
      res.status(503).json({ status: 'shutting_down' });
    } else if (!services) {
      res.status(503).set('Retry-After', '2').json({ status: 'starting' });
    } else {
      const { entries } = services.library;
      const passages = entries.reduce((sum, a) => sum + a.passages, 0);
      res.json({ status: 'ok', passages, embedder: services.index.manifest.embedder, articles: entries.length });
    }
  };
}
