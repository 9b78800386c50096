import { copyFile, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { PROJECT_ROOT } from '../../../src/config.js';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The flags this machine needs: headless, no sandbox (root), and no background networking (its
 * connections are refused here and would only slow the start).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots of test runs go (git-ignored). */
export const ARTIFACTS_DIR = resolve(PROJECT_ROOT, 'test-artifacts');

/** A Chromium with a fresh profile of its own; `close` ends it and removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium with a new, empty user-data-dir (a persistent context is the only way to pass
 * one to Playwright).
 */
export async function launchChromium(options: BrowserContextOptions = {}): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'qinghai-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 860 },
    locale: 'zh-CN',
    // No smooth scrolling or entrance animation: what the tests look at (and screenshot) is settled.
    reducedMotion: 'reduce',
    timeout: 30_000,
    ...options,
  });
  context.setDefaultTimeout(10_000);
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The path for a screenshot in `test-artifacts/`, creating the folder. */
export async function artifactPath(name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

/**
 * Saves a screenshot as a test artefact; with `UPDATE_SCREENSHOTS=1` also as the committed one in
 * `docs/screenshots/` (the README shows those).
 */
export async function saveScreenshot(name: string, take: (path: string) => Promise<unknown>): Promise<string> {
  const path = await artifactPath(name);
  await take(path);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    const committed = resolve(PROJECT_ROOT, 'docs/screenshots', name);
    await mkdir(resolve(PROJECT_ROOT, 'docs/screenshots'), { recursive: true });
    await copyFile(path, committed);
  }
  return path;
}
