import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createApp, type CreateAppOptions } from '../../../src/server/create-app.js';
import { listen } from '../../support/listen.js';
import { launchChromium, type TestBrowser } from './chromium.js';
import { installProbes, watchPage, type PageProbes } from './page-probes.js';

/**
 * The set-up every browser test file shares: one Chromium per file, a fresh watched page per test,
 * and the servers it talks to. What a file checks after each test stays in that file's own
 * `afterEach` (vitest runs after-hooks in reverse order, so the file's run while the page is open).
 */

/** The browser of a test file and the page of the running test. */
export interface BrowserSession {
  /** One Chromium with a fresh profile and the probes installed, for the whole file. */
  readonly browser: TestBrowser;
  /** A new page for each test, closed after it. */
  readonly page: Page;
  /** What the test's page reported: script errors, console errors, CSP violations, dialogs. */
  readonly probes: PageProbes;
}

/**
 * Launches Chromium before the file's tests and opens a watched page before each test.
 *
 * @param initScript runs in every page before the page's own scripts (as Playwright's `addInitScript`).
 */
export function useBrowser(initScript?: () => void): BrowserSession {
  let browser: TestBrowser | undefined;
  let page: Page | undefined;
  let probes: PageProbes | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    await installProbes(browser.context);
    if (initScript) await browser.context.addInitScript(initScript);
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await browser!.context.newPage();
    probes = watchPage(page);
  });
  afterEach(async () => {
    await page?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what} yet: use it inside a test or hook`);
    return value;
  };
  return {
    get browser() {
      return ready(browser, 'browser');
    },
    get page() {
      return ready(page, 'page');
    },
    get probes() {
      return ready(probes, 'probes');
    },
  };
}

/** Anything a test starts and has to stop. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Starts the servers of a test file before its tests (`start` returns them by name) and closes them
 * all after. The returned object is filled in once `start` has run.
 */
export function useServers<T extends Record<string, Closable>>(start: () => Promise<T>): T {
  const servers = {} as T;
  beforeAll(async () => {
    Object.assign(servers, await start());
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((server) => server.close()));
  });
  return servers;
}

/** An app listening on a free loopback port. */
export type ServedApp = Awaited<ReturnType<typeof listen>>;

/** `createApp(options)` on a free loopback port. */
export function serveApp(options: CreateAppOptions): Promise<ServedApp> {
  return listen(createApp(options));
}

/** Opens the chat page (`path` may carry a `#p-…` passage) and waits until its article is shown. */
export async function openChatPage(page: Page, appUrl: string, path = '/'): Promise<void> {
  await page.goto(`${appUrl}${path}`);
  await page.locator('body[data-article-loaded="true"]').waitFor();
}

/** A locator inside the widget's shadow root (Playwright's CSS pierces open shadow roots). */
export function widgetPart(page: Page, selector: string): Locator {
  return page.locator(`qinghai-chat ${selector}`);
}

/** The widget's finished answers (not the greeting). */
export function widgetAnswers(page: Page): Locator {
  return widgetPart(page, '.msg.assistant[data-state="done"]:not(.greeting)');
}

/** Types a question into the open widget, sends it with Enter and waits for its answer. */
export async function askInWidget(page: Page, question: string): Promise<void> {
  const before = await widgetAnswers(page).count();
  await widgetPart(page, 'textarea').fill(question);
  await widgetPart(page, 'textarea').press('Enter');
  await widgetAnswers(page).nth(before).waitFor();
}
