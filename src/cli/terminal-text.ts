/**
 * Text from a checked document printed to a terminal: its control characters (C0 but tab and line
 * feed, DEL, and C1, whose U+009B alone opens an escape sequence in some terminals) are shown as
 * `\x1b`-style escapes rather than sent, so a text cannot clear the screen, set the window's title
 * or move the cursor over the report.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/gu;

/** `text` with every control character but tab and line feed written as `\xNN`. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 controls already; DEL and C1 are escaped too
 * (`\u009b`), which any JSON reader reads back as the same characters.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
