import { buildAll } from '../../scripts/build.js';

/**
 * Vitest `globalSetup`: the production build (`dist/server.js`, and the page and the widget in
 * `dist/web/`) once before any test file runs, so the server under test serves what the source says
 * (the browser tests need it, `test/server/web-routes.test.ts` checks its headers), and `npm start`
 * under test finds a current build instead of rebuilding `dist/web/` under the other tests' feet.
 */
export default async function setup(): Promise<void> {
  await buildAll({ log: false });
}
