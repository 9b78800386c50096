import type { WidgetLanguage } from './widget-strings.js';

/** Which bottom corner the button and panel sit in. */
export type WidgetPosition = 'bottom-right' | 'bottom-left';

/** The widget's one options object, read from the script tag's `data-` attributes. */
export interface WidgetOptions {
  /** The chat server's base URL (`data-endpoint`); default: where `widget.js` was loaded from. */
  endpoint: string;
  /** Panel heading (`data-title`); null: the article's title from the server (`GET /api/about`). */
  title: string | null;
  /** First message in an empty conversation (`data-greeting`); null: the server's greeting. */
  greeting: string | null;
  /** Suggested questions (`data-suggestions`, separated by `|`; empty for none); null: the server's. */
  suggestions: string[] | null;
  /** `data-position`: `bottom-right` (default) or `bottom-left`. */
  position: WidgetPosition;
  /** Accent colour (`data-color`, any CSS colour); null keeps the built-in one. */
  color: string | null;
  /** Open the panel when the page loads (`data-open="true"`). */
  open: boolean;
  /** Language of the labels (`data-lang`): `zh` (default) or `en`. */
  lang: WidgetLanguage;
  /** The article the widget is about (`data-article`, an id of `GET /api/articles`); null: all of them. */
  article: string | null;
}

/** The data- attributes the widget reads, for the README and the tests. */
export const WIDGET_DATA_ATTRIBUTES = ['endpoint', 'title', 'greeting', 'suggestions', 'position', 'color', 'open', 'lang', 'article'] as const;

/**
 * Reads the options from the script tag that loaded the widget. Unknown or malformed values fall
 * back to the defaults, so a typo in a host page never breaks it. Title, greeting and suggestions
 * left out are null: the widget asks the server for the article's own (`GET /api/about`).
 */
export function readWidgetOptions(script: HTMLScriptElement | null, baseUrl: string): WidgetOptions {
  const data = script?.dataset ?? {};
  const lang: WidgetLanguage = data.lang?.trim().toLowerCase().startsWith('en') ? 'en' : 'zh';
  const text = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);
  const color = text(data.color);
  return {
    endpoint: endpointOf(data.endpoint, script?.src ?? '', baseUrl),
    title: text(data.title),
    greeting: text(data.greeting),
    suggestions:
      data.suggestions === undefined
        ? null
        : data.suggestions.split('|').map((s) => s.trim()).filter((s) => s !== '').map((s) => s.slice(0, 500)),
    position: data.position?.trim() === 'bottom-left' ? 'bottom-left' : 'bottom-right',
    color: color && typeof CSS !== 'undefined' && CSS.supports('color', color) ? color : null,
    open: data.open !== undefined && ['', 'true', '1', 'yes', 'open'].includes(data.open.trim().toLowerCase()),
    lang,
    article: text(data.article),
  };
}

/** `data-endpoint`, else the folder `widget.js` came from; always absolute, without a trailing slash. */
function endpointOf(endpoint: string | undefined, scriptSrc: string, baseUrl: string): string {
  try {
    const url = endpoint && endpoint.trim() !== '' ? new URL(endpoint.trim(), baseUrl) : new URL('.', scriptSrc || baseUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return new URL(baseUrl).origin;
    return `${url.origin}${url.pathname}`.replace(/\/+$/u, '');
  } catch {
    return new URL(baseUrl).origin;
  }
}
