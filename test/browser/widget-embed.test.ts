import { toDisplayText } from '../../src/corpus/display-text.js';
import { greetingLead } from '../../widget/render-answer.js';
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatResponse } from '../../src/answer/answer-types.js';
import type { AboutResponse } from '../../src/server/routes/about-get.js';
import { loadTestServices } from '../support/test-index.js';
import { askInWidget as askIn, serveApp, useBrowser, useServers, widgetAnswers, widgetPart } from './support/browser-suite.js';
import { saveScreenshot } from './support/chromium.js';
import { hostPageHtml, startHostPage } from './support/host-page.js';
import type { PageProbes } from './support/page-probes.js';

/**
 * The widget on a news page of another origin (another port), loaded with one script tag, talking
 * to the app across origins with that origin in the app's CORS list; and on a page of an origin
 * that is not in it.
 */

const servers = useServers(async () => {
  const host = await startHostPage();
  const stranger = await startHostPage();
  const app = await serveApp({ services: await loadTestServices(), corsOrigins: [host.url] });
  host.setHtml(hostPageHtml(app.url));
  stranger.setHtml(hostPageHtml(app.url));
  return { host, stranger, app };
});
const session = useBrowser(() => {
  // Record the widget's events as a host page would listen for them.
  const log: Array<{ type: string; detail: unknown }> = [];
  (window as unknown as { __widgetEvents: typeof log }).__widgetEvents = log;
  for (const type of ['qinghai-chat:opened', 'qinghai-chat:closed', 'qinghai-chat:answered', 'qinghai-chat:error']) {
    window.addEventListener(type, (event) => log.push({ type, detail: (event as CustomEvent).detail }));
  }
});
let page: Page;
let probes: PageProbes;
beforeEach(() => ({ page, probes } = session));
afterEach(() => {
  expect(probes.pageErrors).toEqual([]);
});

const widget = (selector: string) => widgetPart(page, selector);
const events = () => page.evaluate(() => (window as unknown as { __widgetEvents: Array<{ type: string; detail: unknown }> }).__widgetEvents);
const doneAnswers = () => widgetAnswers(page);
const askInWidget = (question: string) => askIn(page, question);

describe('GET /widget.js on a page of another origin', () => {
  it('embeds with one script tag, streams a cited answer, and shows quote and speaker on hover with a link to the passage', async () => {
    await page.goto(servers.host.url);
    const launcher = widget('.launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await launcher.click();
    await widget('.panel').waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)).toBe('TEXTAREA');

    const chat = page.waitForResponse((r) => r.url() === `${servers.app.url}/api/chat`);
    await askInWidget('青海发展新质生产力有哪些优势？');
    const response = await chat;
    expect(response.headers()['access-control-allow-origin']).toBe(servers.host.url);
    expect(response.headers()['content-type']).toContain('text/event-stream');

    const answered = (await events()).find((e) => e.type === 'qinghai-chat:answered')?.detail as { question: string; response: ChatResponse };
    expect(answered.question).toBe('青海发展新质生产力有哪些优势？');
    const first = answered.response.citations[0]!;
    expect(first).toBeDefined();
    expect((await events()).map((e) => e.type)).toEqual(['qinghai-chat:opened', 'qinghai-chat:answered']);

    const chip = doneAnswers().last().locator('.chip').first();
    expect(await chip.getAttribute('aria-label')).toBe(`引文 1：${first.speaker}`);
    await chip.hover();
    const card = widget('.card');
    await card.waitFor();
    expect(await card.locator('.quote').textContent()).toBe(`“${first.displayQuote}”`);
    expect(await card.locator('.who').textContent()).toContain(first.speaker);
    expect(await card.locator('.who').textContent()).toContain(first.title!);
    const href = await card.locator('a').getAttribute('href');
    expect(href).toBe(`${servers.app.url}/#p-${first.paragraph}-${first.start}-${first.end}`);
    expect(await doneAnswers().last().locator('.meta').textContent()).toBe('摘录原文作答');

    await saveScreenshot('widget.png', (path) => page.screenshot({ path }));

    // The link opens the project's page at the passage, highlighted.
    const project = await session.browser.context.newPage();
    await project.goto(href!);
    const mark = project.locator(`#p-${first.paragraph} mark.quote-highlight`);
    await mark.waitFor();
    expect(await mark.textContent()).toBe(first.quote);
    await project.close();
  });

  it('shows the quote on a tap too, and hides it with Escape', async () => {
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await askInWidget('青海最大的短板是什么？');
    const chip = doneAnswers().last().locator('.chip').first();
    await chip.click();
    await widget('.card').waitFor();
    expect(await chip.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Escape');
    await widget('.card').waitFor({ state: 'hidden' });
    expect(await widget('.panel').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await widget('.panel').waitFor({ state: 'hidden' });
  });

  it('keeps the conversation per endpoint in sessionStorage: a reload shows it again, 新对话 clears it', async () => {
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await askInWidget('青海最大的短板是什么？');
    const stored = await page.evaluate((key) => sessionStorage.getItem(key), `qinghai-chat:${servers.app.url}`);
    expect(JSON.parse(stored!)).toMatchObject({ open: true, turns: [{ role: 'user', content: '青海最大的短板是什么？' }, { role: 'assistant' }] });

    await page.reload();
    await doneAnswers().first().waitFor();
    expect(await widget('.msg.user').textContent()).toContain('青海最大的短板是什么？');
    expect(await doneAnswers().first().locator('.chip').count()).toBeGreaterThan(0);

    // The follow-up carries the restored turns.
    const request = page.waitForRequest((r) => r.url() === `${servers.app.url}/api/chat`);
    await widget('textarea').fill('那优势呢？');
    await widget('textarea').press('Enter');
    const body = JSON.parse((await request).postData()!) as { messages: Array<{ role: string }> };
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    await doneAnswers().nth(1).waitFor();

    await widget('.new').click();
    expect(await widget('.msg').count()).toBe(1);
    expect(JSON.parse((await page.evaluate((key) => sessionStorage.getItem(key), `qinghai-chat:${servers.app.url}`))!)).toMatchObject({ turns: [] });
  });

  it('asks again without the stored context when the server no longer reads it (kept by an older version), and forgets it', async () => {
    const key = `qinghai-chat:${servers.app.url}`;
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await askInWidget('马冠奎提出了哪几点建议？');
    // As an older server might have written it: a field this one does not know.
    await page.evaluate((k) => {
      const stored = JSON.parse(sessionStorage.getItem(k)!) as { turns: Array<{ context?: Record<string, unknown> }> };
      stored.turns[1]!.context!.version = 1;
      sessionStorage.setItem(k, JSON.stringify(stored));
    }, key);
    await page.reload();
    await doneAnswers().first().waitFor();

    const sent: Array<{ messages: Array<{ context?: unknown }> }> = [];
    const statuses: number[] = [];
    page.on('request', (r) => {
      if (r.url() === `${servers.app.url}/api/chat` && r.method() === 'POST') sent.push(JSON.parse(r.postData()!));
    });
    page.on('response', (r) => {
      if (r.url() === `${servers.app.url}/api/chat` && r.request().method() === 'POST') statuses.push(r.status());
    });
    await widget('textarea').fill('第二点呢？');
    await widget('textarea').press('Enter');
    await doneAnswers().nth(1).waitFor();
    expect(statuses).toEqual([400, 200]);
    expect(sent[0]!.messages[1]!.context).toMatchObject({ version: 1 });
    expect(sent[1]!.messages.map((m) => m.context)).toEqual([undefined, undefined, undefined]);
    expect(await widget('.error').count()).toBe(0);
    expect(await doneAnswers().nth(1).textContent()).toContain('马冠奎');
    const stored = JSON.parse((await page.evaluate((k) => sessionStorage.getItem(k), key))!) as { turns: Array<{ context?: { version?: number } }> };
    expect(stored.turns.some((t) => t.context?.version !== undefined)).toBe(false);
    expect(stored.turns).toHaveLength(4);
  });

  it('offers window.QinghaiChat (open, close, ask) and reports state as CustomEvents', async () => {
    await page.goto(servers.host.url);
    await widget('.launcher').waitFor();
    await page.evaluate(() => window.QinghaiChat!.open());
    await widget('.panel').waitFor();
    await page.evaluate(() => window.QinghaiChat!.close());
    await widget('.panel').waitFor({ state: 'hidden' });
    const response = await page.evaluate(() => window.QinghaiChat!.ask('马冠奎提出了哪几点建议？'));
    expect(response?.citations.length).toBeGreaterThan(0);
    expect(await widget('.panel').isVisible()).toBe(true);
    const types = (await events()).map((e) => e.type);
    expect(types).toEqual(['qinghai-chat:opened', 'qinghai-chat:closed', 'qinghai-chat:opened', 'qinghai-chat:answered']);
    const answered = (await events()).at(-1)!.detail as { response: ChatResponse };
    expect(answered.response).toEqual(response);
  });

  it('keeps the page CSS out and its own CSS in', async () => {
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await askInWidget('青海最大的短板是什么？');
    const inside = await page.evaluate(() => {
      const root = document.querySelector('qinghai-chat')!.shadowRoot!;
      const style = (selector: string) => getComputedStyle(root.querySelector(selector)!);
      return {
        launcherBackground: style('.launcher').backgroundColor,
        launcherTransform: style('.launcher').textTransform,
        paragraphIndent: style('.msg.assistant p').textIndent,
        font: style('.msg.assistant').fontFamily,
        boxSizing: style('.panel').boxSizing,
        panelRadius: style('.panel').borderTopLeftRadius,
      };
    });
    expect(inside.launcherBackground).toBe('rgb(11, 110, 140)');
    expect(inside.launcherTransform).toBe('none');
    expect(inside.paragraphIndent).toBe('0px');
    expect(inside.font).not.toContain('Georgia');
    expect(inside.boxSizing).toBe('border-box');
    expect(inside.panelRadius).toBe('14px');

    const outside = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        hostMessagePadding: style('#host-msg').paddingTop,
        hostMessageBackground: style('#host-msg').backgroundColor,
        hostButtonRadius: style('#host-button').borderTopLeftRadius,
        hostButtonHeight: style('#host-button').height,
        bodyFont: style('body').fontFamily,
        styleSheets: document.styleSheets.length,
      };
    });
    expect(outside).toEqual({
      hostMessagePadding: '0px',
      hostMessageBackground: 'rgba(0, 0, 0, 0)',
      hostButtonRadius: '0px',
      hostButtonHeight: expect.not.stringMatching(/^20px$/u),
      bodyFont: expect.stringContaining('Georgia'),
      styleSheets: 1,
    });
  });

  it('reads its data- options: English labels, title, suggestions, position, colour, open on load', async () => {
    servers.host.setHtml(
      hostPageHtml(servers.app.url, {
        lang: 'en',
        title: 'Ask the interview',
        greeting: 'Hello from the test',
        suggestions: '青海有哪些优势？|谁谈到了人才？',
        position: 'bottom-left',
        color: '#b91c1c',
        open: 'true',
      }),
    );
    try {
      await page.goto(servers.host.url);
      await widget('.panel').waitFor();
      expect(await widget('h2').textContent()).toBe('Ask the interview');
      expect(await widget('.greeting').textContent()).toContain('Hello from the test');
      expect(await widget('.suggestions button').allTextContents()).toEqual(['青海有哪些优势？', '谁谈到了人才？']);
      expect(await widget('.send').textContent()).toBe('Send');
      expect(await widget('.launcher').getAttribute('aria-label')).toBe('Close the chat');
      const layout = await page.evaluate(() => {
        const root = document.querySelector('qinghai-chat')!.shadowRoot!;
        const box = root.querySelector('.panel')!.getBoundingClientRect();
        return { left: box.left, accent: getComputedStyle(root.querySelector('.send')!).backgroundColor };
      });
      expect(layout.left).toBeLessThan(100);
      expect(layout.accent).toBe('rgb(185, 28, 28)');
      await widget('.suggestions button').first().click();
      await doneAnswers().first().waitFor();
      expect(await doneAnswers().first().locator('.sources summary').textContent()).toMatch(/^Sources \(\d+\)$/u);
    } finally {
      servers.host.setHtml(hostPageHtml(servers.app.url));
    }
  });

  it('shows the title, greeting and suggested questions the server serves (GET /api/about)', async () => {
    const about = (await (await fetch(`${servers.app.url}/api/about`)).json()) as AboutResponse;
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await expect.poll(() => widget('h2').textContent()).toBe(toDisplayText(about.title));
    // The greeting's lead: its questions are the buttons below it.
    expect(await widget('.greeting p').textContent()).toBe(greetingLead(about.greeting));
    expect(await widget('.suggestions button').allTextContents()).toEqual(about.suggestions);
    await widget('.suggestions button').first().click();
    await doneAnswers().first().waitFor();
    const answered = (await events()).find((e) => e.type === 'qinghai-chat:answered')?.detail as { question: string };
    expect(answered.question).toBe(about.suggestions[0]);
    expect(await widget('.suggestions').isHidden()).toBe(true);
  });

  it('keeps data-title and an empty data-suggestions over what the server serves', async () => {
    servers.host.setHtml(hostPageHtml(servers.app.url, { title: 'Ask the interview', suggestions: '' }));
    try {
      const about = (await (await fetch(`${servers.app.url}/api/about`)).json()) as AboutResponse;
      await page.goto(servers.host.url);
      await widget('.launcher').click();
      // The greeting was not overridden: once it is the server's, /api/about has been applied.
      await expect.poll(() => widget('.greeting p').textContent()).toBe(greetingLead(about.greeting));
      expect(await widget('h2').textContent()).toBe('Ask the interview');
      expect(await widget('.suggestions button').count()).toBe(0);
      expect(await widget('.suggestions').isHidden()).toBe(true);
    } finally {
      servers.host.setHtml(hostPageHtml(servers.app.url));
    }
  });

  it('works with neutral labels when GET /api/about fails', async () => {
    await page.route(`${servers.app.url}/api/about`, (route) => route.abort());
    const refused = page.waitForEvent('requestfailed', (r) => r.url() === `${servers.app.url}/api/about`);
    await page.goto(servers.host.url);
    await refused;
    await widget('.launcher').click();
    expect(await widget('h2').textContent()).toBe('访谈问答');
    expect(await widget('.greeting p').textContent()).toBe('你好！我只根据访谈原文回答问题，每句引文都注明是谁说的，可以点开核对。');
    expect(await widget('.suggestions button').count()).toBe(0);
    await askInWidget('青海最大的短板是什么？');
    expect(await doneAnswers().first().locator('.chip').count()).toBeGreaterThan(0);
  });

  it('works on a host page whose CSP allows scripts and connections only to its own origin and the endpoint, styles only from itself', async () => {
    const policy = `default-src 'self'; script-src ${servers.app.url}; connect-src ${servers.app.url}; style-src 'self'; img-src 'self'`;
    servers.host.setHtml(hostPageHtml(servers.app.url, {}, `<meta http-equiv="Content-Security-Policy" content="${policy}">`));
    try {
      await page.goto(servers.host.url);
      await widget('.launcher').click();
      await askInWidget('青海最大的短板是什么？');
      const styled = await page.evaluate(() => {
        const root = document.querySelector('qinghai-chat')!.shadowRoot!;
        return getComputedStyle(root.querySelector('.launcher')!).backgroundColor;
      });
      expect(styled).toBe('rgb(11, 110, 140)');
      // The host's own inline <style> is refused by its policy; nothing of the widget's is.
      const violations = await probes.cspViolations();
      expect(violations.filter((v) => !v.startsWith('style-src-elem inline'))).toEqual([]);
    } finally {
      servers.host.setHtml(hostPageHtml(servers.app.url));
    }
  });

  it('keeps the first line of a long answer in view on a phone, rather than scrolling to its end', async () => {
    await page.setViewportSize({ width: 375, height: 420 });
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await askInWidget('马冠奎提出了哪几点建议？');
    const answer = doneAnswers().last();
    const [top, log] = await Promise.all([answer.boundingBox(), widget('.log').boundingBox()]);
    expect(top!.height).toBeGreaterThan(log!.height);
    expect(top!.y).toBeGreaterThanOrEqual(log!.y - 1);
  });

  it('fills a phone screen when open', async () => {
    await page.setViewportSize({ width: 375, height: 700 });
    await page.goto(servers.host.url);
    await widget('.launcher').click();
    await widget('.panel').evaluate((panel) => Promise.all(panel.getAnimations().map((a) => a.finished)));
    const box = await widget('.panel').boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 700 });
    await widget('.close').click();
    await widget('.launcher').waitFor();
  });

  it('on a page whose origin is not in CORS_ORIGINS: the browser refuses, the widget says so and reports qinghai-chat:error', async () => {
    await page.goto(servers.stranger.url);
    await widget('.launcher').click();
    await widget('textarea').fill('青海最大的短板是什么？');
    await widget('textarea').press('Enter');
    const error = widget('.msg.error');
    await error.waitFor();
    // The server is up and refuses this origin: the site owner is told what to change, not "check the network".
    expect(await error.locator('[role="alert"]').textContent()).toBe(
      '问答服务拒绝了本站的跨域请求。请站点管理员把本页的来源加入问答服务的 CORS_ORIGINS 设置。',
    );
    expect(await error.getByRole('button', { name: '重试' }).count()).toBe(1);
    const reported = (await events()).find((e) => e.type === 'qinghai-chat:error')?.detail;
    expect(reported).toMatchObject({ question: '青海最大的短板是什么？', code: 'cors_refused' });
    await expect.poll(() => probes.consoleErrors.join('\n'), { timeout: 5000 }).toContain(`add ${servers.stranger.url} to CORS_ORIGINS`);
    // A failed question is not kept as a turn of the conversation.
    const stored = await page.evaluate((key) => sessionStorage.getItem(key), `qinghai-chat:${servers.app.url}`);
    expect(JSON.parse(stored!)).toMatchObject({ turns: [] });
  });
});
