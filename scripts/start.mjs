// `npm start`: runs the built server (dist/server.js) with plain `node`, in this process, so that a
// supervisor's SIGTERM to this process (npm runs it with `exec`, in the place of its shell) reaches
// the server's graceful shutdown. Builds first (`npm run build`) when the build is missing or older
// than any source, so that `npm install && npm start` works from a fresh clone. Plain JavaScript:
// nothing here may need tsx.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, root } from './ensure-build.mjs';

ensureBuilt();
await import(pathToFileURL(join(root, 'dist', 'server.js')).href);
