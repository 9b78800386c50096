/**
 * The widget's CSS, scoped by its shadow root. `:host { all: initial }` (important, which beats the
 * host page's own !important rules on the element) stops inherited page styles from leaking in;
 * nothing here can match the page. Themeable through custom properties with one prefix, `--qc-`:
 * `qinghai-chat { --qc-accent: #b91c1c }` on the host page.
 */
export const widgetStyles = `
:host { all: initial !important; }
.root {
  --qc-accent: #0b6e8c;
  --qc-accent-text: #ffffff;
  --qc-bg: #ffffff;
  --qc-surface: #f3f6f8;
  --qc-text: #1c2733;
  --qc-muted: #5b6875;
  --qc-border: #d5dde4;
  --qc-mark: #fff1b8;
  --qc-shadow: 0 12px 40px rgba(15, 30, 45, .22);
  --qc-radius: 14px;
  --qc-font: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif;
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;
  display: flex; flex-direction: column; align-items: flex-end; gap: 12px;
  font: 15px/1.6 var(--qc-font); color: var(--qc-text); text-align: left;
  -webkit-text-size-adjust: 100%;
}
@media (prefers-color-scheme: dark) {
  .root {
    --qc-accent: #38a8c9; --qc-accent-text: #04141b; --qc-bg: #161d24; --qc-surface: #222c36;
    --qc-text: #e6edf3; --qc-muted: #9aa8b5; --qc-border: #33414e; --qc-mark: #5b4b12;
    --qc-shadow: 0 12px 40px rgba(0, 0, 0, .55);
  }
}
.root[data-position="bottom-left"] { right: auto; left: 20px; align-items: flex-start; }
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
button, textarea, a { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--qc-accent); outline-offset: 2px; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.launcher {
  display: inline-flex; align-items: center; gap: 8px; height: 52px; padding: 0 20px 0 16px;
  border: 0; border-radius: 26px; background: var(--qc-accent); color: var(--qc-accent-text);
  font-size: 16px; font-weight: 600; box-shadow: var(--qc-shadow);
}
.launcher svg { width: 22px; height: 22px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.launcher:hover { filter: brightness(1.08); }
.panel {
  position: relative; display: flex; flex-direction: column; width: 380px; height: min(600px, calc(100vh - 104px));
  background: var(--qc-bg); color: var(--qc-text); border: 1px solid var(--qc-border); border-radius: var(--qc-radius);
  box-shadow: var(--qc-shadow); overflow: hidden;
}
.header { display: flex; align-items: center; gap: 8px; padding: 12px 12px 12px 16px; background: var(--qc-accent); color: var(--qc-accent-text); }
.header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 650; line-height: 1.3; }
.header button { border: 1px solid transparent; background: transparent; border-radius: 8px; padding: 4px 8px; font-size: 13px; }
.header button:hover { background: rgba(255, 255, 255, .16); }
.header .close { font-size: 20px; line-height: 1; padding: 4px 9px; }
.header :focus-visible { outline-color: var(--qc-accent-text); }
.log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 12px; overscroll-behavior: contain; }
.msg { max-width: 92%; padding: 9px 13px; border-radius: 12px; overflow-wrap: anywhere; }
.msg p { margin: 0 0 6px; }
.msg p:last-child { margin-bottom: 0; }
.greeting p { white-space: pre-line; }
.msg ul { margin: 4px 0; padding-left: 20px; }
.msg li { margin: 4px 0; }
.msg.user { align-self: flex-end; background: var(--qc-accent); color: var(--qc-accent-text); border-bottom-right-radius: 4px; white-space: pre-wrap; }
.msg.assistant { align-self: flex-start; background: var(--qc-surface); border-bottom-left-radius: 4px; }
.msg.error { border: 1px solid #d64545; }
.msg .status { color: var(--qc-muted); }
.msg .retry { margin-top: 6px; border: 1px solid var(--qc-border); background: var(--qc-bg); border-radius: 8px; padding: 2px 10px; font-size: 13px; }
.meta { margin-top: 6px; font-size: 12px; color: var(--qc-muted); }
.chip {
  display: inline-flex; align-items: center; justify-content: center; min-width: 20px; height: 20px; margin: 0 2px; padding: 0 5px;
  vertical-align: 2px; border: 0; border-radius: 10px; background: var(--qc-accent); color: var(--qc-accent-text);
  font-size: 12px; font-weight: 700; line-height: 1;
}
.chip[aria-expanded="true"] { box-shadow: 0 0 0 2px var(--qc-bg), 0 0 0 4px var(--qc-accent); }
.sources { margin-top: 8px; font-size: 13px; }
.sources summary { cursor: pointer; color: var(--qc-muted); }
.sources ol { margin: 6px 0 0; padding-left: 22px; }
.sources li { margin: 4px 0; }
.sources a, .card a { color: var(--qc-accent); text-decoration: underline; text-underline-offset: 2px; }
.card {
  position: absolute; z-index: 2; width: min(300px, calc(100% - 24px)); padding: 12px 14px; background: var(--qc-bg); color: var(--qc-text);
  border: 1px solid var(--qc-border); border-radius: 10px; box-shadow: var(--qc-shadow); font-size: 14px;
}
.card .quote { margin: 0 0 8px; padding: 2px 0 2px 10px; border-left: 3px solid var(--qc-accent); }
.card .quote mark { background: var(--qc-mark); color: inherit; }
.quote-warning { background: #ffd9d6; color: inherit; border-radius: 3px; box-shadow: inset 0 -2px #c62828; }
.quote-warning-note { color: #b3261e; }
.card .who { margin: 0 0 8px; color: var(--qc-muted); font-size: 13px; }
.card .who strong { color: var(--qc-text); }
.suggestions { display: flex; flex-wrap: wrap; gap: 6px; padding: 0 14px 10px; }
.suggestions button { border: 1px solid var(--qc-border); background: var(--qc-bg); border-radius: 16px; padding: 4px 12px; font-size: 13px; color: var(--qc-accent); }
.suggestions button:hover { background: var(--qc-surface); }
.composer { display: flex; gap: 8px; align-items: flex-end; padding: 10px 12px; border-top: 1px solid var(--qc-border); background: var(--qc-bg); }
.composer textarea {
  flex: 1; min-height: 40px; max-height: 120px; resize: none; padding: 8px 10px; border: 1px solid var(--qc-border);
  border-radius: 10px; background: var(--qc-bg); color: var(--qc-text); line-height: 1.4;
}
.composer textarea::placeholder { color: var(--qc-muted); }
.composer textarea:focus-visible { outline: 2px solid var(--qc-accent); outline-offset: -1px; border-color: var(--qc-accent); }
.send { height: 40px; padding: 0 16px; border: 0; border-radius: 10px; background: var(--qc-accent); color: var(--qc-accent-text); font-weight: 600; }
.send:disabled { opacity: .55; cursor: default; }
@media (max-width: 480px) {
  .root { bottom: 12px; right: 12px; }
  .root[data-position="bottom-left"] { left: 12px; }
  .root[data-open="true"] { inset: 0; gap: 0; }
  .root[data-open="true"] .launcher { display: none; }
  .panel { width: 100%; height: 100%; border-radius: 0; border: 0; }
}
@media (prefers-reduced-motion: no-preference) {
  .panel { animation: qc-in .16s ease-out; }
  @keyframes qc-in { from { opacity: 0; translate: 0 8px; } to { opacity: 1; translate: 0 0; } }
}
`;
