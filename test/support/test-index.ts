import { loadConfig } from '../../src/config.js';
import { loadOrBuildIndex, type SearchIndex } from '../../src/index/load-index.js';
import type { AppServices } from '../../src/server/app-services.js';
import { buildServices } from '../../src/app/build-services.js';
import { defaultArticleConfig } from '../../src/index/load-library.js';

/**
 * The project's committed index, loaded once per test file. Tests read it and never write to it:
 * tests that build indexes build them in temporary folders.
 */
let loaded: Promise<SearchIndex> | null = null;

/** Config for tests: defaults only, whatever `.env` the developer has. */
export function testConfig() {
  return defaultArticleConfig(loadConfig({ LOG_LEVEL: 'silent' }));
}

export function loadTestIndex(): Promise<SearchIndex> {
  loaded ??= loadOrBuildIndex(testConfig()).then((r) => r.index);
  return loaded;
}

export async function loadTestServices(): Promise<AppServices> {
  return buildServices(await loadTestIndex());
}
