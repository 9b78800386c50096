import { buildWeb } from '../../scripts/build-web.js';

/**
 * Vitest `globalSetup`: builds the page and the widget into `dist/web/` once before any test file
 * runs, so the server under test serves what the source says (the browser tests need it, and
 * `test/server/web-routes.test.ts` checks its headers).
 */
export default async function setup(): Promise<void> {
  await buildWeb({ log: false });
}
