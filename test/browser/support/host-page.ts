import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A host page on another origin (its own port), as a news site that embeds the widget would be.
 * Its CSS is the kind that breaks careless widgets: global `button`, `p`, `div` and `*` rules, some
 * `!important`, and class names the widget also uses (`.msg`, `.chip`, `.panel`).
 */
export interface HostPage {
  url: string;
  /** Sets the page's HTML (the widget's endpoint is known only once the app listens). */
  setHtml(html: string): void;
  close(): Promise<void>;
}

export async function startHostPage(): Promise<HostPage> {
  let html = '<!doctype html><title>empty</title>';
  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setHtml(next) {
      html = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The host page's own styles. */
export const HOST_PAGE_CSS = `
  * { box-sizing: content-box; letter-spacing: .02em; }
  body { margin: 0; font: 17px/2.1 Georgia, "Noto Serif CJK SC", serif; color: #2b2b2b !important; background: #faf7f0; }
  header { padding: 18px 48px; background: #8b0000; color: #fff; }
  header h1 { margin: 0; font-size: 26px; color: #fff; }
  nav a { color: #ffd9d9; margin-right: 18px; text-decoration: none; font-size: 15px; }
  main { max-width: 760px; margin: 0 auto; padding: 24px 48px; }
  p { margin: 1.2em 0; text-indent: 2em; }
  div { border-radius: 0 !important; }
  button { background: #8b0000 !important; color: #fff; border-radius: 0; padding: 14px 28px; text-transform: uppercase; font-size: 18px; }
  .msg { padding: 0; border: 2px solid #8b0000; }
  .chip, .panel { display: inline; }
`;

/** A news article page that loads the widget with one script tag. */
export function hostPageHtml(endpoint: string, dataAttributes: Record<string, string> = {}, extraHead = ''): string {
  const attrs = Object.entries({ endpoint, ...dataAttributes })
    .map(([name, value]) => ` data-${name}="${value.replace(/"/gu, '&quot;')}"`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>示例日报 · 新质生产力专题</title>
${extraHead}
<style>${HOST_PAGE_CSS}</style>
</head>
<body>
<header><h1>示例日报</h1><nav><a href="#">首页</a><a href="#">时政</a><a href="#">经济</a><a href="#">专题</a></nav></header>
<main>
<h2>新质生产力专题</h2>
<p class="msg" id="host-msg">本页是一个嵌入了问答小组件的示例新闻页面。读者可以点击右下角的按钮，就访谈内容提问，每条回答都附有可核对的原文引文。</p>
<p>因地制宜发展新质生产力，是新时代新征程解放和发展生产力的客观要求。本报邀请省内经济领域专家学者、有关部门干部，围绕青海如何因地制宜发展新质生产力进行探讨。</p>
<p><button type="button" class="chip" id="host-button">订阅本报</button></p>
</main>
<script src="${endpoint}/widget.js"${attrs} defer></script>
</body>
</html>`;
}
