import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Parsing, jieba and the HNSW load take a moment on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Builds the page and the widget into dist/web/ once, for the server under test to serve.
    globalSetup: ['test/support/build-web-setup.ts'],
  },
});
