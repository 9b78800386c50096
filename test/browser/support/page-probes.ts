import type { BrowserContext, Page } from 'playwright-core';

/**
 * What tests watch in a page: Content Security Policy violations, script errors, console errors,
 * dialogs (an `alert` from injected script) and `window.__xss`, which the hostile texts try to set.
 */
export interface PageProbes {
  consoleErrors: string[];
  pageErrors: string[];
  dialogs: string[];
  /** CSP violations the page reported (`securitypolicyviolation` events). */
  cspViolations(): Promise<string[]>;
  /** What the hostile texts managed to set, if anything. */
  xss(): Promise<unknown>;
}

/** Installs the probes in every page of a context (before any of the page's own scripts run). */
export async function installProbes(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const probe = window as unknown as { __csp: string[] };
    probe.__csp = [];
    document.addEventListener('securitypolicyviolation', (event) => probe.__csp.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

/** Watches one page. */
export function watchPage(page: Page): PageProbes {
  const probes = {
    consoleErrors: [] as string[],
    pageErrors: [] as string[],
    dialogs: [] as string[],
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []),
    xss: () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss),
  };
  page.on('console', (message) => {
    if (message.type() === 'error') probes.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => probes.pageErrors.push(error.message));
  page.on('dialog', (dialog) => {
    probes.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return probes;
}
