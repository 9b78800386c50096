import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * The tests that drive a real browser need Debian's Chromium at /usr/bin/chromium. CI (`.ci/run`)
 * installs it and always runs them; on a machine without it they are left out with a notice, so
 * that `npm test` still passes on a fresh checkout.
 */
const CHROMIUM = '/usr/bin/chromium';
// Every file that launches Chromium (chat-client.test.ts runs the browser's client code in Node).
const browserTests = [
  'test/browser/chat-page.test.ts',
  'test/browser/check-text.test.ts',
  'test/browser/safe-rendering.test.ts',
  'test/browser/widget-embed.test.ts',
  'test/browser/many-articles.test.ts',
];
const runBrowserTests = existsSync(CHROMIUM) || process.env.CI === 'true';
if (!runBrowserTests) {
  console.warn(`\n${CHROMIUM} not found: the browser tests (${browserTests.length} files) are left out. Install it with \`apt-get install chromium fonts-noto-cjk\`; CI always runs them.\n`);
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(runBrowserTests ? [] : browserTests)],
    // Parsing, jieba and the HNSW load take a moment on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds the page and the widget into dist/web/ once, for the server under test to serve.
    globalSetup: ['test/support/build-web-setup.ts'],
  },
});
